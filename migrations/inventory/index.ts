import { createAdminAuditMigration } from '#platform/persistence';
import { CreateStockAndReservations1763712100000 } from './1763712100000-create-stock-and-reservations.js';

/** The inventory schema's migrations, oldest first. */
export const InventoryMigrations = [
  CreateStockAndReservations1763712100000,
  createAdminAuditMigration('inventory', 1764892800000),
];
