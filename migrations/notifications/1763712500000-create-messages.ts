import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMessages1763712500000 implements MigrationInterface {
  name = 'CreateMessages1763712500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications.messages (
        id          uuid        PRIMARY KEY,
        customer_id text        NOT NULL,
        order_id    text        NOT NULL,
        kind        text        NOT NULL,
        subject     text        NOT NULL,
        body        text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX messages_customer_idx ON notifications.messages (customer_id, created_at DESC, id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications.messages`);
  }
}
