import { createOutboxTablesMigration } from '#platform/messaging';
import { createWorkflowTablesMigration } from '#platform/workflows';
import { CreateOrders1763712400000 } from './1763712400000-create-orders.js';

/** The ordering schema's migrations, oldest first. */
export const OrderingMigrations = [
  CreateOrders1763712400000,
  createOutboxTablesMigration('ordering', 1763712400001),
  createWorkflowTablesMigration('ordering', 1763712400002),
];
