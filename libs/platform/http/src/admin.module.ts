import { Module } from '@nestjs/common';
import { AdminAuditController } from './admin-audit.controller.js';
import { AdminFlagsController } from './admin-flags.controller.js';
import { AdminQueuesController } from './admin-queues.controller.js';
import { AdminTopologyController } from './admin-topology.controller.js';
import { OutboxAdminController } from './outbox-admin.controller.js';
import { WorkflowExecutionsController } from './workflow-executions.controller.js';

/**
 * Operator endpoints (admin role), what the operator console at /console shows: topology, flags,
 * breakers, queues, outbox, workflow executions and their traces, and the audit log.
 */
@Module({
  controllers: [
    OutboxAdminController,
    WorkflowExecutionsController,
    AdminAuditController,
    AdminFlagsController,
    AdminTopologyController,
    AdminQueuesController,
  ],
})
export class AdminModule {}
