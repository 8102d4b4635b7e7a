import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Express shipping (the `express-shipping` flag): the speed the customer chose and paid for. */
export class AddShippingSpeed1763712400003 implements MigrationInterface {
  name = 'AddShippingSpeed1763712400003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE ordering.orders
        ADD COLUMN shipping_speed text NOT NULL DEFAULT 'standard'
          CHECK (shipping_speed IN ('standard', 'express'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ordering.orders DROP COLUMN shipping_speed`);
  }
}
