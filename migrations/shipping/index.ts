import { createAdminAuditMigration } from '#platform/persistence';
import { createOutboxNotifyMigration, createOutboxTablesMigration } from '#platform/messaging';
import { CreateShipping1763712300000 } from './1763712300000-create-shipping.js';

/** The shipping schema's migrations, oldest first. */
export const ShippingMigrations = [
  CreateShipping1763712300000,
  createOutboxTablesMigration('shipping', 1763712300001),
  createOutboxNotifyMigration('shipping', 1763712300002),
  createAdminAuditMigration('shipping', 1764892800000),
];
