import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStockAndReservations1763712100000 implements MigrationInterface {
  name = 'CreateStockAndReservations1763712100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inventory.stock (
        sku        text        NOT NULL,
        warehouse  text        NOT NULL,
        on_hand    integer     NOT NULL CHECK (on_hand >= 0),
        reserved   integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku, warehouse),
        CHECK (reserved <= on_hand)
      )`);
    await db.query(`
      CREATE TABLE inventory.reservations (
        order_id   text        PRIMARY KEY,
        status     text        NOT NULL CHECK (status IN ('HELD', 'RELEASED', 'COMMITTED')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX reservations_held_expiry_idx ON inventory.reservations (expires_at) WHERE status = 'HELD'`,
    );
    await db.query(`
      CREATE TABLE inventory.reservation_lines (
        order_id  text    NOT NULL REFERENCES inventory.reservations (order_id),
        sku       text    NOT NULL,
        warehouse text    NOT NULL,
        quantity  integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (order_id, sku, warehouse)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE inventory.reservation_lines`);
    await db.query(`DROP TABLE inventory.reservations`);
    await db.query(`DROP TABLE inventory.stock`);
  }
}
