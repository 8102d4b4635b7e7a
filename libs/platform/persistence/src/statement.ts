import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Sql } from 'sql-template-tag';
import { DataSource, type EntityManager } from 'typeorm';

export { default as sql, empty, join, raw, type Sql } from 'sql-template-tag';

/**
 * Runs one statement built with the `sql` template tag and returns its rows. Write it so that
 * its top level returns rows (a `SELECT`, or `WITH … SELECT`). One round trip: a data-changing
 * `WITH` is its own transaction, so a state change, its outbox row and its workflow start
 * commit together without BEGIN/COMMIT. Given a DataSource, the statement goes straight to its
 * pool (TypeORM's per-query runner is the larger part of a short statement's cost); given a
 * transaction's EntityManager, it runs in that transaction.
 *
 * @example
 * const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM ordering.orders WHERE id = ${id}`);
 */
export async function rowsOf<Row>(db: DataSource | EntityManager, statement: Sql): Promise<Row[]> {
  const pool = db instanceof DataSource ? poolOf(db) : undefined;
  if (!pool) return (await db.query(statement.text, statement.values)) as Row[];
  // Named, so each pooled connection parses and plans it once: the text is the same at every
  // call (values are always parameters), and PostgreSQL's time went mostly to parsing.
  const query = { name: nameOf(statement.text), text: statement.text, values: statement.values };
  return (await pool.query(query)).rows as Row[];
}

const names = new Map<string, string>();

/** A prepared statement's name, from its text (node-postgres prepares it per connection). */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `seam_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

/** The pg pool behind a TypeORM DataSource (its PostgresDriver's `master`). */
function poolOf(db: DataSource): pg.Pool | undefined {
  return (db.driver as unknown as { master?: pg.Pool }).master;
}

/** The SQLSTATE of a failed statement, from pg or from TypeORM's wrapper. */
export function sqlStateOf(error: unknown): string | undefined {
  const failure = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = failure?.driverError?.code ?? failure?.code;
  return typeof code === 'string' ? code : undefined;
}
