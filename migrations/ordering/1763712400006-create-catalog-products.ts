import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ordering's copy of what it prices orders with, kept from the catalog's ProductChanged events
 * (and filled from `catalog.get-products` for a product it has not seen yet).
 */
export class CreateCatalogProducts1763712400006 implements MigrationInterface {
  name = 'CreateCatalogProducts1763712400006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ordering.catalog_products (
        sku          text        PRIMARY KEY,
        name         text        NOT NULL,
        price_amount bigint      NOT NULL CHECK (price_amount >= 0),
        currency     char(3)     NOT NULL,
        weight_grams integer     NOT NULL,
        active       boolean     NOT NULL,
        updated_at   timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ordering.catalog_products`);
  }
}
