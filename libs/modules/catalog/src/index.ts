import { Catalog } from './contract/index.js';
import { defineModule } from '#platform/runtime';
import { CatalogSchema } from './catalog.schema.js';

/** The catalog module as the rest of the system knows it; its code loads only where it is hosted. */
export const CatalogDeclaration = defineModule({
  name: 'catalog',
  schema: CatalogSchema,
  contract: Catalog,
  subscribes: [],
  load: async () => (await import('./catalog.module.js')).CatalogModule,
});

export { CatalogSchema };
