import { OrderingMigrations } from '#migrations/ordering';
import { defineModuleSchema } from '#platform/persistence';

export const OrderingSchema = defineModuleSchema({
  module: 'ordering',
  migrations: OrderingMigrations,
});
