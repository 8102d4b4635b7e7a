import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePayments1763712200000 implements MigrationInterface {
  name = 'CreatePayments1763712200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payments.payments (
        order_id          text        PRIMARY KEY,
        status            text        NOT NULL CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'REFUNDED')),
        currency          char(3)     NOT NULL,
        authorized_amount bigint      NOT NULL CHECK (authorized_amount >= 0),
        captured_amount   bigint      NOT NULL DEFAULT 0 CHECK (captured_amount >= 0),
        refunded_amount   bigint      NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
        authorization_id  text,
        capture_id        text,
        decline_reason    text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (captured_amount <= authorized_amount),
        CHECK (refunded_amount <= captured_amount),
        CHECK ((status = 'DECLINED') = (decline_reason IS NOT NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE payments.payments`);
  }
}
