import { Module } from '@nestjs/common';
import { OutboxAdminController } from './outbox-admin.controller.js';
import { WorkflowExecutionsController } from './workflow-executions.controller.js';

/** Operator endpoints (admin role): parked outbox events, workflow executions. */
@Module({ controllers: [OutboxAdminController, WorkflowExecutionsController] })
export class AdminModule {}
