import { Module } from '@nestjs/common';
import { AdminAuditController } from './admin-audit.controller.js';
import { OutboxAdminController } from './outbox-admin.controller.js';
import { WorkflowExecutionsController } from './workflow-executions.controller.js';

/** Operator endpoints (admin role): parked outbox events, workflow executions, the audit log. */
@Module({
  controllers: [OutboxAdminController, WorkflowExecutionsController, AdminAuditController],
})
export class AdminModule {}
