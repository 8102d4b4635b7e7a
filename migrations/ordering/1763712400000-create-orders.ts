import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1763712400000 implements MigrationInterface {
  name = 'CreateOrders1763712400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ordering.orders (
        id                 uuid        PRIMARY KEY,
        customer_id        text        NOT NULL,
        status             text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
        reject_reason      text,
        currency           char(3)     NOT NULL,
        items_total        bigint      NOT NULL CHECK (items_total >= 0),
        shipping_total     bigint      NOT NULL CHECK (shipping_total >= 0),
        total              bigint      NOT NULL CHECK (total = items_total + shipping_total),
        total_weight_grams integer     NOT NULL CHECK (total_weight_grams > 0),
        shipping_address   jsonb       NOT NULL,
        payment_token      text        NOT NULL,
        placed_at          timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL,
        CHECK ((status = 'REJECTED') = (reject_reason IS NOT NULL))
      )`);
    await db.query(`
      CREATE TABLE ordering.order_lines (
        order_id     uuid    NOT NULL REFERENCES ordering.orders (id),
        line_no      integer NOT NULL,
        sku          text    NOT NULL,
        name         text    NOT NULL,
        quantity     integer NOT NULL CHECK (quantity > 0),
        unit_price   bigint  NOT NULL CHECK (unit_price >= 0),
        weight_grams integer NOT NULL CHECK (weight_grams > 0),
        PRIMARY KEY (order_id, line_no)
      )`);
    await db.query(`
      CREATE TABLE ordering.idempotency_keys (
        customer_id  text        NOT NULL,
        key          text        NOT NULL,
        request_hash text        NOT NULL,
        order_id     uuid        NOT NULL,
        response     jsonb       NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (customer_id, key)
      )`);
    await db.query(`
      CREATE TABLE ordering.order_views (
        id          uuid        PRIMARY KEY,
        customer_id text        NOT NULL,
        status      text        NOT NULL,
        document    jsonb       NOT NULL,
        placed_at   timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX order_views_customer_idx ON ordering.order_views (customer_id, placed_at DESC, id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ordering.order_views`);
    await db.query(`DROP TABLE ordering.idempotency_keys`);
    await db.query(`DROP TABLE ordering.order_lines`);
    await db.query(`DROP TABLE ordering.orders`);
  }
}
