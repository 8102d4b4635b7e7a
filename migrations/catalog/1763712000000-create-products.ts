import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProducts1763712000000 implements MigrationInterface {
  name = 'CreateProducts1763712000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE catalog.products (
        sku            text        PRIMARY KEY CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{1,63}$'),
        name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description    text        NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
        price_amount   bigint      NOT NULL CHECK (price_amount >= 0),
        price_currency char(3)     NOT NULL CHECK (price_currency ~ '^[A-Z]{3}$'),
        weight_grams   integer     NOT NULL CHECK (weight_grams > 0),
        active         boolean     NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX products_active_sku_idx ON catalog.products (active, sku)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE catalog.products`);
  }
}
