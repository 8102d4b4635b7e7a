/**
 * Counts what the systems under test send to PostgreSQL, for "where does the time go" figures:
 * statements, and transactions that write (an explicit BEGIN … COMMIT, or a data-changing
 * statement on its own, which PostgreSQL commits by itself). It wraps node-postgres'
 * `Client.prototype.query`, which every pg-based client in this process goes through (TypeORM,
 * plain pools, DBOS). Clients opened with `application_name: OBSERVER` (the benchmark's own
 * queries) are not counted.
 *
 * @example
 * SqlCounter.install();
 * const before = SqlCounter.snapshot();
 * // … load …
 * const { statements, transactions } = SqlCounter.since(before);
 */
import pg from 'pg';

/** application_name of the benchmark's own connections, which are not counted. */
export const OBSERVER = 'bench-observer';

export interface SqlCount {
  readonly statements: number;
  readonly transactions: number;
}

const WRITE = /^\s*(?:insert|update|delete|merge|with\b[\s\S]*\b(?:insert|update|delete)\b)/i;
const BEGIN = /^\s*(?:begin|start transaction)\b/i;
const END = /^\s*(?:commit|rollback|end)\b/i;

let installed = false;
let statements = 0;
let transactions = 0;
const inTransaction = new WeakSet<object>();
/** Statement texts (first 90 characters, whitespace folded) and how often each was sent. */
const texts = new Map<string, number>();

export const SqlCounter = {
  install(): void {
    if (installed) return;
    installed = true;
    const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const parameters = (
        this as unknown as { connectionParameters?: { application_name?: string } }
      ).connectionParameters;
      if (parameters?.application_name !== OBSERVER) count(this, textOf(args[0]));
      return original.apply(this, args);
    } as typeof pg.Client.prototype.query;
  },

  snapshot(): SqlCount {
    return { statements, transactions };
  },

  /** The most frequent statements so far (for `BENCH_SQL_TOP=1`). */
  top(limit = 40): [text: string, count: number][] {
    return [...texts].sort((a, b) => b[1] - a[1]).slice(0, limit);
  },

  since(before: SqlCount): SqlCount {
    return {
      statements: statements - before.statements,
      transactions: transactions - before.transactions,
    };
  },
};

function textOf(query: unknown): string {
  if (typeof query === 'string') return query;
  if (query && typeof query === 'object' && 'text' in query) return String(query.text);
  return '';
}

function count(client: object, text: string): void {
  statements++;
  if (!process.env.BENCH_SQL_TOP) return countTransaction(client, text);
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
  texts.set(key, (texts.get(key) ?? 0) + 1);
  countTransaction(client, text);
}

function countTransaction(client: object, text: string): void {
  if (BEGIN.test(text)) {
    inTransaction.add(client);
    transactions++;
  } else if (END.test(text)) inTransaction.delete(client);
  else if (!inTransaction.has(client) && WRITE.test(text)) transactions++;
}
