import { InventoryMigrations } from '#migrations/inventory';
import { defineModuleSchema } from '#platform/persistence';

export const InventorySchema = defineModuleSchema({
  module: 'inventory',
  migrations: InventoryMigrations,
});
