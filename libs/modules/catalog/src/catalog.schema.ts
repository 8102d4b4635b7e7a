import { CatalogMigrations } from '#migrations/catalog';
import { defineModuleSchema } from '#platform/persistence';
import { ProductRecord } from './infrastructure/product.record.js';

export const CatalogSchema = defineModuleSchema({
  module: 'catalog',
  entities: [ProductRecord],
  migrations: CatalogMigrations,
});
