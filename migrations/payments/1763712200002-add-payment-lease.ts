import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-order lease that keeps payment commands for one order from overlapping (so two of
 * them never reach the gateway at once): `busy_by` holds it until `busy_until`. An authorisation
 * holds it on an AUTHORIZING row before the payment exists.
 */
export class AddPaymentLease1763712200002 implements MigrationInterface {
  name = 'AddPaymentLease1763712200002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE payments.payments
        ADD COLUMN busy_by text,
        ADD COLUMN busy_until timestamptz,
        DROP CONSTRAINT payments_status_check,
        ADD CONSTRAINT payments_status_check
          CHECK (status IN ('AUTHORIZING', 'AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'REFUNDED'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM payments.payments WHERE status = 'AUTHORIZING'`);
    await db.query(`
      ALTER TABLE payments.payments
        DROP COLUMN busy_by,
        DROP COLUMN busy_until,
        DROP CONSTRAINT payments_status_check,
        ADD CONSTRAINT payments_status_check
          CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'REFUNDED'))`);
  }
}
