import type { Sql } from 'sql-template-tag';
import type { DataSource, EntityManager } from 'typeorm';

export { default as sql, empty, join, raw, type Sql } from 'sql-template-tag';

/**
 * Runs one statement built with the `sql` template tag and returns its rows. Write it so that
 * its top level returns rows (a `SELECT`, or `WITH … SELECT`), which keeps the answer the same
 * for every kind of statement. One round trip: a data-changing `WITH` is its own transaction,
 * so a state change, its outbox row and its workflow start commit together without BEGIN/COMMIT.
 *
 * @example
 * const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM ordering.orders WHERE id = ${id}`);
 */
export async function rowsOf<Row>(db: DataSource | EntityManager, statement: Sql): Promise<Row[]> {
  return (await db.query(statement.text, statement.values)) as Row[];
}
