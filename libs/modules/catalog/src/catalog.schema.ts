import { CatalogMigrations } from '#migrations/catalog';
import { defineModuleSchema } from '#platform/persistence';

export const CatalogSchema = defineModuleSchema({
  module: 'catalog',
  migrations: CatalogMigrations,
});
