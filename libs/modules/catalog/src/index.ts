export { CatalogModule } from './catalog.module.js';
export { CatalogSchema } from './catalog.schema.js';
