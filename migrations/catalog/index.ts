import { CreateProducts1763712000000 } from './1763712000000-create-products.js';

/** The catalog schema's migrations, oldest first. */
export const CatalogMigrations = [CreateProducts1763712000000];
