import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  ChannelListener,
  raw,
  rowsOf,
  sql,
  type ListenLogin,
  type Sql,
} from '#platform/persistence';
import { SpanKind, Tracing, type Metrics } from '#platform/observability';
import type { MessageHeaders } from '../message-packet.js';
import { outboxChannel } from './outbox-tables.migration.js';
import type { RelayOptions } from './relay-options.js';

export interface OutboxMessage {
  readonly id: string;
  readonly pattern: string;
  readonly aggregateId: string;
  readonly payload: unknown;
  readonly headers: MessageHeaders;
  /** Including this one. */
  readonly attempt: number;
}

/** Hands one event to its subscribers; settles when they have all handled it. */
export type Dispatch = (message: OutboxMessage) => Promise<void>;

interface ClaimedRow {
  id: string;
  pattern: string;
  aggregate_id: string;
  payload: unknown;
  headers: MessageHeaders;
  attempts: number;
}

const RETENTION_SWEEP_EVERY_MS = 60_000;
/** How often a relay measures its outbox's backlog for the gauges (one cheap query). */
export const BACKLOG_SAMPLE_EVERY_MS = 15_000;

/** What is waiting in a module's outbox. */
export interface OutboxBacklog {
  /** Age of the oldest event not delivered yet (parked ones aside); 0 when none waits. */
  readonly lagSeconds: number;
  /** Events parked after repeated failures, waiting for a redrive. */
  readonly parked: number;
}

/**
 * The gauges of a module's outbox backlog, `seam_outbox_lag_seconds` and
 * `seam_outbox_parked_events` (label `module`), which the relay keeps current.
 */
export class OutboxBacklogGauges {
  static readonly LAG_METRIC = 'seam_outbox_lag_seconds';
  static readonly PARKED_METRIC = 'seam_outbox_parked_events';
  private readonly lag;
  private readonly parked;

  constructor(
    metrics: Metrics,
    private readonly module: string,
  ) {
    this.lag = metrics.gauge(
      OutboxBacklogGauges.LAG_METRIC,
      'Age in seconds of the oldest outbox event not delivered yet (parked ones aside); 0 when none waits',
      ['module'],
    );
    this.parked = metrics.gauge(
      OutboxBacklogGauges.PARKED_METRIC,
      'Outbox events parked after repeated failures, waiting for a redrive',
      ['module'],
    );
  }

  set(backlog: OutboxBacklog): void {
    this.lag.set({ module: this.module }, backlog.lagSeconds);
    this.parked.set({ module: this.module }, backlog.parked);
  }
}

/**
 * Delivers a module's committed outbox events. Several relays (instances) may run at once:
 * each round claims at most `batchSize` events with `FOR UPDATE SKIP LOCKED` and a lease, and
 * only the oldest pending event of each aggregate, so events of one aggregate are delivered in
 * order, one at a time. Completion is recorded by row id. Failures back off with jitter; after
 * `maxAttempts` an event is parked (and holds back later events of its aggregate) until redriven.
 * Woken by LISTEN/NOTIFY on commit, with polling as the fallback.
 */
export class OutboxRelay {
  readonly relayId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger: Logger;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly listener: ChannelListener;
  private lastSweep = 0;
  private readonly table: Sql;
  private backlogTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly schema: string,
    private readonly db: DataSource,
    /** Login for the LISTEN connection (the module's own role): a URL or a client factory. */
    listenLogin: ListenLogin,
    private readonly dispatch: Dispatch,
    private readonly options: RelayOptions,
    /** Kept current while the relay runs, on a timer of its own (a stuck round still shows). */
    private readonly gauges?: OutboxBacklogGauges,
  ) {
    this.logger = new Logger(`OutboxRelay:${schema}`);
    this.table = raw(`"${schema}".outbox`);
    this.listener = new ChannelListener(listenLogin, outboxChannel(schema), `seam:${schema}:relay`);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listener.start();
    this.loop = this.run();
    if (this.gauges) {
      void this.sampleBacklog();
      this.backlogTimer = setInterval(() => void this.sampleBacklog(), BACKLOG_SAMPLE_EVERY_MS);
      this.backlogTimer.unref();
    }
  }

  /** Stops claiming, waits for the deliveries in flight, and closes the LISTEN connection. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.backlogTimer);
    this.backlogTimer = undefined;
    this.listener.wake();
    await this.loop;
    await this.listener.stop();
  }

  /** One round: claim, deliver, record. @returns how many events were claimed. */
  async relayOnce(): Promise<number> {
    const claimed = await this.claim();
    const failures = await Promise.all(claimed.map((row) => this.deliver(row)));
    // One statement records every delivery of the round; failures are recorded one by one.
    const delivered = claimed
      .filter((_, index) => failures[index] === undefined)
      .map((row) => row.id);
    if (delivered.length > 0) {
      await rowsOf(
        this.db,
        sql`WITH done AS (
              UPDATE ${this.table} SET dispatched_at = now(), locked_until = NULL, last_error = NULL
               WHERE id = ANY(${delivered}::uuid[]) AND locked_by = ${this.relayId})
            SELECT 1`,
      );
    }
    for (const [index, failure] of failures.entries()) {
      if (failure !== undefined) await this.recordFailure(claimed[index]!, failure);
    }
    return claimed.length;
  }

  /**
   * Measures the backlog: the oldest pending event through the pending index, and the parked
   * ones among the undelivered rows (a partial index); no per-event cost.
   */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = await rowsOf<{ lag: number | null; parked: number }>(
      this.db,
      sql`SELECT (SELECT extract(epoch FROM now() - created_at)::float8 FROM ${this.table}
                   WHERE dispatched_at IS NULL AND parked_at IS NULL
                   ORDER BY position LIMIT 1) AS lag,
                 (SELECT count(*)::int FROM ${this.table}
                   WHERE dispatched_at IS NULL AND parked_at IS NOT NULL) AS parked`,
    );
    return { lagSeconds: Math.max(0, row?.lag ?? 0), parked: row?.parked ?? 0 };
  }

  private async sampleBacklog(): Promise<void> {
    try {
      this.gauges?.set(await this.backlog());
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not measure the outbox backlog; will try again');
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.relayOnce();
        await this.sweepIfDue();
      } catch (error) {
        this.logger.error(
          { err: error },
          'Outbox relay round failed; retrying after the poll interval',
        );
      }
      if (claimed < this.options.batchSize && this.running)
        await this.listener.idle(this.options.pollIntervalMs);
    }
  }

  private claim(): Promise<ClaimedRow[]> {
    return rowsOf<ClaimedRow>(
      this.db,
      sql`WITH claimed AS (
            UPDATE ${this.table} AS o
               SET locked_until = now() + make_interval(secs => ${this.options.leaseMs}::double precision / 1000),
                   locked_by = ${this.relayId},
                   attempts = o.attempts + 1
              FROM (SELECT c.id FROM ${this.table} c
                     WHERE c.dispatched_at IS NULL AND c.parked_at IS NULL
                       AND c.next_attempt_at <= now()
                       AND (c.locked_until IS NULL OR c.locked_until < now())
                       AND NOT EXISTS (SELECT 1 FROM ${this.table} e
                                        WHERE e.aggregate_id = c.aggregate_id
                                          AND e.position < c.position
                                          AND e.dispatched_at IS NULL)
                     ORDER BY c.position
                     LIMIT ${this.options.batchSize}
                     FOR UPDATE SKIP LOCKED) AS chosen
             WHERE o.id = chosen.id
            RETURNING o.id, o.pattern, o.aggregate_id, o.payload, o.headers, o.attempts, o.position)
          SELECT id, pattern, aggregate_id, payload, headers, attempts FROM claimed ORDER BY position`,
    );
  }

  /** @returns undefined when every subscriber handled the event, else the error. */
  private async deliver(row: ClaimedRow): Promise<unknown> {
    try {
      if (!Tracing.enabled) await this.dispatch(this.messageOf(row, row.headers));
      else await this.deliverTraced(row);
      return undefined;
    } catch (error) {
      return error ?? new Error('delivery failed');
    }
  }

  /**
   * The delivery as a span that continues the trace of the code that wrote the row (its stored
   * traceparent), however much later and in whichever process the relay delivers it; the
   * subscribers' spans are its children.
   */
  private deliverTraced(row: ClaimedRow): Promise<void> {
    return Tracing.inSpan(
      `outbox deliver ${row.pattern}`,
      {
        kind: SpanKind.PRODUCER,
        parent: row.headers.traceparent,
        attributes: {
          'seam.outbox.schema': this.schema,
          'seam.outbox.attempt': row.attempts,
          'messaging.message.id': row.id,
        },
      },
      () =>
        this.dispatch(
          this.messageOf(row, { ...row.headers, traceparent: Tracing.activeTraceparent() }),
        ),
    );
  }

  private messageOf(row: ClaimedRow, headers: MessageHeaders): OutboxMessage {
    return {
      id: row.id,
      pattern: row.pattern,
      aggregateId: row.aggregate_id,
      payload: row.payload,
      headers,
      attempt: row.attempts,
    };
  }

  private async recordFailure(row: ClaimedRow, error: unknown): Promise<void> {
    const park = row.attempts >= this.options.maxAttempts;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await this.db.query(
      `UPDATE "${this.schema}".outbox
          SET locked_until = NULL, last_error = $3,
              next_attempt_at = now() + make_interval(secs => $4::double precision / 1000),
              parked_at = CASE WHEN $5::boolean THEN now() END
        WHERE id = $1 AND locked_by = $2`,
      [row.id, this.relayId, reason.slice(0, 2000), this.options.backoffMs(row.attempts), park],
    );
    const context = {
      messageId: row.id,
      pattern: row.pattern,
      aggregateId: row.aggregate_id,
      attempt: row.attempts,
      reason,
    };
    if (park)
      this.logger.error(
        context,
        'Outbox event parked after repeated failures; redrive it once fixed',
      );
    else this.logger.warn(context, 'Outbox event delivery failed; will retry');
  }

  /** Deletes delivered outbox rows and inbox marks older than the retention, 1000 at a time. */
  private async sweepIfDue(): Promise<void> {
    if (Date.now() - this.lastSweep < RETENTION_SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    const s = `"${this.schema}"`;
    const olderThan = 'make_interval(secs => $1::double precision / 1000)';
    await this.db.query(
      `DELETE FROM ${s}.outbox WHERE id IN (SELECT id FROM ${s}.outbox WHERE dispatched_at < now() - ${olderThan} LIMIT 1000)`,
      [this.options.retentionMs],
    );
    // Inbox marks must outlive every redelivery of a message; the outbox retention bounds those.
    await this.db.query(
      `DELETE FROM ${s}.inbox WHERE (subscriber_id, message_id) IN (
         SELECT subscriber_id, message_id FROM ${s}.inbox WHERE handled_at < now() - ${olderThan} LIMIT 1000)`,
      [this.options.retentionMs],
    );
  }
}
