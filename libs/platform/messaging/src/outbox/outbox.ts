import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { eventPatternOf } from '../contract.js';
import type { MessageHeaders } from '../message-packet.js';
import { CorrelationContext } from '#platform/observability';
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
 * @example
 * await dataSource.transaction(async (tx) => {
 *   await tx.save(order);
 *   await outbox.add(tx, new OrderPlaced(order.id, ...), order.id);
 * });
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
    const pattern = eventPatternOf(event);
    if (!pattern.startsWith(`${this.module}.`)) {
      throw new Error(
        `Module "${this.module}" cannot publish "${pattern}": modules publish only their own events`,
      );
    }
    const headers: MessageHeaders = {
      messageId: randomUUID(),
      correlationId: CorrelationContext.idOrNew(),
      caller: this.module,
      traceparent: CorrelationContext.outgoingTraceparent(),
      aggregateId,
    };
    await transaction.query(
      `INSERT INTO "${this.schema}".outbox (id, pattern, aggregate_id, payload, headers) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
      [headers.messageId, pattern, aggregateId, JSON.stringify(event), JSON.stringify(headers)],
    );
    // Delivered to listening relays when the transaction commits; never if it rolls back.
    await transaction.query('SELECT pg_notify($1, $2)', [outboxChannel(this.schema), '']);
    return headers.messageId;
  }

  /** Events that failed too often and wait for an operator. */
  async parked(limit = 100): Promise<ParkedEvent[]> {
    const rows = (await this.db.query(
      `SELECT id, pattern, aggregate_id, attempts, last_error, parked_at FROM "${this.schema}".outbox
        WHERE parked_at IS NOT NULL ORDER BY position LIMIT $1`,
      [limit],
    )) as {
      id: string;
      pattern: string;
      aggregate_id: string;
      attempts: number;
      last_error: string | null;
      parked_at: Date;
    }[];
    return rows.map((row) => ({
      id: row.id,
      pattern: row.pattern,
      aggregateId: row.aggregate_id,
      attempts: row.attempts,
      lastError: row.last_error,
      parkedAt: row.parked_at.toISOString(),
    }));
  }

  /** Puts parked events (all, or those named) back in line for delivery. @returns how many. */
  async redrive(ids?: readonly string[]): Promise<number> {
    const rows = (await this.db.query(
      `UPDATE "${this.schema}".outbox
          SET parked_at = NULL, attempts = 0, next_attempt_at = now(), last_error = NULL
        WHERE parked_at IS NOT NULL AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
        RETURNING id`,
      [ids ?? null],
    )) as unknown[][];
    const count = (rows[0] ?? []).length;
    if (count > 0)
      await this.db.query('SELECT pg_notify($1, $2)', [outboxChannel(this.schema), '']);
    return count;
  }
}
