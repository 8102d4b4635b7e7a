import { ShippingMigrations } from '#migrations/shipping';
import { defineModuleSchema } from '#platform/persistence';

export const ShippingSchema = defineModuleSchema({
  module: 'shipping',
  migrations: ShippingMigrations,
});
