import { createAdminAuditMigration } from '#platform/persistence';
import { createOutboxNotifyMigration, createOutboxTablesMigration } from '#platform/messaging';
import { CreateProducts1763712000000 } from './1763712000000-create-products.js';

/** The catalog schema's migrations, oldest first. */
export const CatalogMigrations = [
  CreateProducts1763712000000,
  createOutboxTablesMigration('catalog', 1763712000001),
  createOutboxNotifyMigration('catalog', 1763712000002),
  createAdminAuditMigration('catalog', 1764892800000),
];
