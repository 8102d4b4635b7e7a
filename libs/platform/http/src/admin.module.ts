import { Module } from '@nestjs/common';
import { OutboxAdminController } from './outbox-admin.controller.js';

/** Operator endpoints under /admin (admin role). */
@Module({ controllers: [OutboxAdminController] })
export class AdminModule {}
