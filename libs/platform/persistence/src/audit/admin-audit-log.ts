import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** What an operator did: who, which action on what, and the state before and after. */
export interface AdminAction {
  /** The token subject of the operator. */
  readonly actor: string;
  /** e.g. `outbox.redrive`, `workflow.cancel`, `flag.set`, `dlq.redrive`. */
  readonly action: string;
  /** What the action touched, e.g. `shipping/outbox` or `route-payments`. */
  readonly target: string;
  readonly before: unknown;
  readonly after: unknown;
  /** The trace of the request that did it (32 hex digits), when there is one. */
  readonly traceId: string | null;
}

/** One row of a module's audit log. */
export interface AuditRecord extends AdminAction {
  readonly id: string;
  readonly module: string;
  /** ISO-8601. */
  readonly at: string;
}

export interface AuditFilter {
  readonly action?: string;
  readonly actor?: string;
  /** Matches targets that start with it. */
  readonly target?: string;
  readonly limit: number;
}

/**
 * A module's audit log of operator actions (the `admin_audit` table in its schema, made by
 * createAdminAuditMigration). `record` writes in the caller's transaction, so an action and its
 * row commit or roll back together.
 *
 * @example
 * await dataSource.transaction(async (tx) => {
 *   const redriven = await outbox.redrive(ids, tx);
 *   await audit.record(tx, { actor, action: 'outbox.redrive', target, before, after, traceId });
 * });
 */
export class AdminAuditLog {
  constructor(
    readonly module: string,
    private readonly schema: string,
    readonly db: DataSource,
  ) {}

  /** Writes one row in `transaction` (or in a transaction of its own when absent). */
  async record(transaction: EntityManager | undefined, action: AdminAction): Promise<AuditRecord> {
    const id = randomUUID();
    const [row] = (await (transaction ?? this.db.manager).query(
      `INSERT INTO "${this.schema}".admin_audit (id, actor, action, target, before, after, trace_id)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7) RETURNING at`,
      [
        id,
        action.actor,
        action.action,
        action.target,
        jsonOrNull(action.before),
        jsonOrNull(action.after),
        action.traceId,
      ],
    )) as { at: Date }[];
    return { ...action, id, module: this.module, at: row!.at.toISOString() };
  }

  /** The newest rows matching `filter`, newest first. */
  async list(filter: AuditFilter): Promise<AuditRecord[]> {
    const rows = (await this.db.query(
      `SELECT id, at, actor, action, target, before, after, trace_id FROM "${this.schema}".admin_audit
        WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR actor = $2)
          AND ($3::text IS NULL OR starts_with(target, $3))
        ORDER BY at DESC, id
        LIMIT $4`,
      [filter.action ?? null, filter.actor ?? null, filter.target ?? null, filter.limit],
    )) as AuditRow[];
    return rows.map((row) => ({
      id: row.id,
      module: this.module,
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      target: row.target,
      before: row.before,
      after: row.after,
      traceId: row.trace_id,
    }));
  }
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  trace_id: string | null;
}
