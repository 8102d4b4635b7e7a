import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CorrelationContext } from '#platform/observability';
import { raw, sql, type Sql } from '#platform/persistence';
import { eventPatternOf, type EventClass } from '../contract.js';
import type { MessageHeaders } from '../message-packet.js';
import { outboxChannel } from './outbox-tables.migration.js';

export interface ParkedEvent {
  readonly id: string;
  readonly pattern: string;
  readonly aggregateId: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly parkedAt: string;
}

/**
 * A module's transactional outbox: events are written in the same transaction as the state
 * change they describe, and the OutboxRelay delivers them after commit.
 *
 * Relays are woken by a NOTIFY that a trigger on the table sends when a transaction that wrote
 * to it commits (createOutboxNotifyMigration).
 *
 * @example
 * // In a transaction:
 * await dataSource.transaction(async (tx) => {
 *   await tx.save(order);
 *   await outbox.add(tx, new OrderPlaced(order.id, ...), order.id);
 * });
 * // Or in the same statement as the state change (one round trip), only if it changed a row:
 * await rowsOf(db, sql`WITH changed AS (UPDATE … RETURNING id),
 *   event AS (${outbox.record(event, order.id, sql`EXISTS (SELECT 1 FROM changed)`)})
 *   SELECT id FROM changed`);
 */
export class Outbox {
  constructor(
    readonly module: string,
    private readonly schema: string,
    private readonly db: DataSource,
  ) {}

  /**
   * Records an event in the caller's transaction. `aggregateId` orders delivery: events of one
   * aggregate are delivered one at a time, in the order they were added.
   * @returns the message id subscribers will see.
   */
  async add(transaction: EntityManager, event: object, aggregateId: string): Promise<string> {
    if (!transaction.queryRunner?.isTransactionActive) {
      throw new Error(
        'Outbox.add must run inside the transaction that changes state (dataSource.transaction)',
      );
    }
    const headers = this.headersFor(aggregateId);
    const insert = this.insert(eventPatternOf(event), jsonOf(event), headers, sql`true`);
    await transaction.query(insert.text, insert.values);
    return headers.messageId;
  }

  /**
   * The `INSERT` of `event` into the outbox, to be one part of a data-changing statement (a
   * `WITH` member): it commits exactly when the statement does. With `when`, the row is
   * written only if that condition holds, e.g. `EXISTS (SELECT 1 FROM changed)`.
   */
  record(event: object, aggregateId: string, when: Sql = sql`true`): Sql {
    return this.insert(eventPatternOf(event), jsonOf(event), this.headersFor(aggregateId), when);
  }

  /**
   * Like `record`, for an event whose payload the statement itself computes as `jsonb`, from
   * the row it has just changed: the event then tells the row's state after the change even
   * when the writer never read it (an `UPDATE … SET x = x + 1` under concurrent writers).
   *
   * @example
   * sql`WITH changed AS (UPDATE catalog.products SET … WHERE sku = ${sku} RETURNING *),
   *   event AS (${outbox.recordComputed(ProductChanged, sql`(SELECT jsonb_build_object('sku', sku) FROM changed)`,
   *                                     sku, sql`EXISTS (SELECT 1 FROM changed)`)})
   *   SELECT * FROM changed`
   */
  recordComputed(type: EventClass, payload: Sql, aggregateId: string, when: Sql = sql`true`): Sql {
    return this.insert(type.pattern, payload, this.headersFor(aggregateId), when);
  }

  private headersFor(aggregateId: string): MessageHeaders {
    return {
      messageId: randomUUID(),
      correlationId: CorrelationContext.idOrNew(),
      caller: this.module,
      traceparent: CorrelationContext.outgoingTraceparent(),
      aggregateId,
    };
  }

  private insert(pattern: string, payload: Sql, headers: MessageHeaders, when: Sql): Sql {
    if (!pattern.startsWith(`${this.module}.`)) {
      throw new Error(
        `Module "${this.module}" cannot publish "${pattern}": modules publish only their own events`,
      );
    }
    return sql`INSERT INTO ${raw(`"${this.schema}"`)}.outbox (id, pattern, aggregate_id, payload, headers)
      SELECT ${headers.messageId}::uuid, ${pattern}, ${headers.aggregateId}, ${payload},
             ${JSON.stringify(headers)}::jsonb
       WHERE ${when}`;
  }

  /** Events that failed too often and wait for an operator, oldest first. */
  async parked(limit = 100): Promise<ParkedEvent[]> {
    const rows = (await this.db.query(
      `SELECT id, pattern, aggregate_id, attempts, last_error, parked_at FROM "${this.schema}".outbox
        WHERE parked_at IS NOT NULL ORDER BY position LIMIT $1`,
      [limit],
    )) as ParkedRow[];
    return rows.map(toParkedEvent);
  }

  /**
   * How far delivery is behind: events not yet delivered (parked ones aside), and the age of
   * the oldest of them in milliseconds (0 when none wait).
   */
  async lag(): Promise<{ pending: number; oldestPendingMs: number; parked: number }> {
    const [row] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE parked_at IS NULL)::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL)) * 1000, 0)::float8 AS oldest_ms,
              count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked
         FROM "${this.schema}".outbox WHERE dispatched_at IS NULL`,
    )) as { pending: number; oldest_ms: number; parked: number }[];
    return {
      pending: row!.pending,
      oldestPendingMs: Math.round(row!.oldest_ms),
      parked: row!.parked,
    };
  }

  /** Puts parked events (all, or those named) back in line for delivery. @returns how many. */
  async redrive(ids?: readonly string[]): Promise<number> {
    return (await this.redriveParked(ids)).length;
  }

  /**
   * Puts parked events (all, or those named) back in line, in `transaction` when given (an
   * operator's action and its audit row commit together).
   * @returns the events put back, as they were while parked.
   */
  async redriveParked(
    ids: readonly string[] | undefined,
    transaction?: EntityManager,
  ): Promise<ParkedEvent[]> {
    const db = transaction ?? this.db.manager;
    const [rows] = (await db.query(
      `UPDATE "${this.schema}".outbox AS o
          SET parked_at = NULL, attempts = 0, next_attempt_at = now(), last_error = NULL
         FROM (SELECT id, attempts, last_error, parked_at FROM "${this.schema}".outbox
                WHERE parked_at IS NOT NULL AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
                FOR UPDATE) AS parked
        WHERE o.id = parked.id
        RETURNING o.id, o.pattern, o.aggregate_id, parked.attempts, parked.last_error, parked.parked_at`,
      [ids ?? null],
    )) as [ParkedRow[], number];
    // Delivered when the transaction commits; never if it rolls back.
    if (rows.length > 0)
      await db.query('SELECT pg_notify($1, $2)', [outboxChannel(this.schema), '']);
    return rows.map(toParkedEvent);
  }
}

/** An event object as a `jsonb` value of a statement. */
function jsonOf(event: object): Sql {
  return sql`${JSON.stringify(event)}::jsonb`;
}

interface ParkedRow {
  id: string;
  pattern: string;
  aggregate_id: string;
  attempts: number;
  last_error: string | null;
  parked_at: Date;
}

function toParkedEvent(row: ParkedRow): ParkedEvent {
  return {
    id: row.id,
    pattern: row.pattern,
    aggregateId: row.aggregate_id,
    attempts: row.attempts,
    lastError: row.last_error,
    parkedAt: row.parked_at.toISOString(),
  };
}
