import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which process authorised each payment: the PostgreSQL `application_name` of the connection
 * that inserted it (`seam:payments@<service>`), so operators can see which deployable served a
 * payment while the module is moved out of the monolith.
 */
export class AddAuthorizedBy1763712200001 implements MigrationInterface {
  name = 'AddAuthorizedBy1763712200001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE payments.payments
        ADD COLUMN authorized_by text NOT NULL DEFAULT current_setting('application_name')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payments.payments DROP COLUMN authorized_by`);
  }
}
