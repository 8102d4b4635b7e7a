import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments' copy of what it checks before authorising (an order's total and status), kept from
 * ordering's public events, so the common path needs no `ordering.get-order` call back. A row
 * stays once its order is final: a late OrderPlaced must not bring a PENDING state back.
 */
export class CreatePayableOrders1764979200000 implements MigrationInterface {
  name = 'CreatePayableOrders1764979200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payments.payable_orders (
        order_id     uuid        PRIMARY KEY,
        status       text        NOT NULL
                     CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
        total_amount bigint      CHECK (total_amount >= 0),
        currency     char(3),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CHECK ((total_amount IS NULL) = (currency IS NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE payments.payable_orders`);
  }
}
