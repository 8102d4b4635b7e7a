/**
 * Benchmark 4: the transactional outbox on embedded PostgreSQL.
 *   latency    - events written at a steady 1,000/s (each in its own transaction); time from the
 *                start of the writing transaction to the subscriber's handler, p50/p99
 *   throughput - a backlog of 20,000 committed events drained by one relay: events/s
 *
 *   npm run bench:outbox
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createOutboxTablesMigration, Outbox } from '#platform/messaging';
import {
  OutboxRelay,
  type OutboxMessage,
} from '../../libs/platform/messaging/src/outbox/outbox-relay.js';
import { RelayOptions } from '../../libs/platform/messaging/src/outbox/relay-options.js';
import { createRootLogger } from '#platform/observability';
import {
  DatabaseConnection,
  defineModuleSchema,
  EmbeddedPostgresServer,
  SchemaMigrator,
} from '#platform/persistence';
import { median, percentile, report, round } from './bench-report.js';

class BenchHappened {
  static readonly pattern = 'benchpub.happened';
  constructor(
    readonly seq: number,
    readonly aggregateId: string,
  ) {}
}

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const rate = Number(process.env.BENCH_RATE ?? 1000);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const backlog = Number(process.env.BENCH_BACKLOG ?? 20_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const logger = createRootLogger({ level: 'warn', service: 'bench' });
  const dataDir = await mkdtemp(join(tmpdir(), 'seam-bench-'));
  const postgres = await EmbeddedPostgresServer.start({ dataDir, logger, throwaway: true });
  try {
    const schema = defineModuleSchema({
      module: 'benchpub',
      migrations: [createOutboxTablesMigration('benchpub', 1763712000000)],
    });
    const connection = new DatabaseConnection(postgres.adminUrl);
    await new SchemaMigrator(connection, logger).migrate([schema]);
    const db = await new DataSource({
      type: 'postgres',
      url: connection.urlFor(schema).href,
      schema: 'benchpub',
      extra: { max: 20 },
    }).initialize();
    const outbox = new Outbox('benchpub', 'benchpub', db);

    const writtenAt = new Map<number, number>();
    const latencies: number[] = [];
    let delivered = 0;
    const dispatch = async (message: OutboxMessage) => {
      const { seq } = message.payload as { seq: number };
      const start = writtenAt.get(seq);
      if (start !== undefined) latencies.push(performance.now() - start);
      delivered += 1;
    };
    const write = (seq: number) => {
      writtenAt.set(seq, performance.now());
      return db.transaction((tx) =>
        outbox.add(tx, new BenchHappened(seq, `agg-${seq % 500}`), `agg-${seq % 500}`),
      );
    };

    const latencyRounds: { p50: number; p99: number; achievedRate: number }[] = [];
    const throughputRounds: number[] = [];
    let seq = 0;
    for (let r = 0; r < rounds; r++) {
      // Latency at a steady rate: writers pace themselves to `rate` events/s in total.
      const relay = new OutboxRelay(
        'benchpub',
        db,
        connection.urlFor(schema).href,
        dispatch,
        RelayOptions.defaults(),
      );
      await relay.start();
      latencies.length = 0;
      const total = rate * seconds;
      const first = seq;
      const startedAt = performance.now();
      const writers = 8;
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = w; i < total; i += writers) {
            const due = startedAt + (i * 1000) / rate;
            const wait = due - performance.now();
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
            await write(first + i);
          }
        }),
      );
      const achievedRate = total / ((performance.now() - startedAt) / 1000);
      seq += total;
      while (latencies.length < total) await new Promise((resolve) => setTimeout(resolve, 20));
      latencyRounds.push({
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        achievedRate,
      });
      await relay.stop();

      // Throughput: a committed backlog, drained by one relay.
      for (let i = 0; i < backlog; i += 500) {
        await db.transaction(async (tx) => {
          for (let j = i; j < Math.min(backlog, i + 500); j++)
            await outbox.add(tx, new BenchHappened(seq + j, `agg-${j % 500}`), `agg-${j % 500}`);
        });
      }
      seq += backlog;
      const drainer = new OutboxRelay(
        'benchpub',
        db,
        connection.urlFor(schema).href,
        dispatch,
        RelayOptions.defaults(),
      );
      const before = delivered;
      const drainStart = performance.now();
      await drainer.start();
      while (delivered - before < backlog) await new Promise((resolve) => setTimeout(resolve, 5));
      throughputRounds.push(backlog / ((performance.now() - drainStart) / 1000));
      await drainer.stop();
      await db.query(`DELETE FROM benchpub.outbox WHERE dispatched_at IS NOT NULL`);
    }

    const p99 = median(latencyRounds.map((r) => r.p99));
    const eventsPerSecond = median(throughputRounds);
    report(
      'outbox-relay',
      'npm run bench:outbox',
      [
        {
          measure: `commit-to-handler latency at ${rate}/s`,
          'p50 ms': round(median(latencyRounds.map((r) => r.p50))),
          'p99 ms': round(p99),
          'achieved rate/s': Math.round(median(latencyRounds.map((r) => r.achievedRate))),
        },
        { measure: `drain ${backlog} events, one relay`, 'events/s': Math.round(eventsPerSecond) },
      ],
      {
        rounds,
        'target p99 ≤ 50 ms at 1,000/s': p99 <= 50 ? 'met' : `missed: ${round(p99)} ms`,
        'target ≥ 5,000 events/s':
          eventsPerSecond >= 5000 ? 'met' : `missed: ${Math.round(eventsPerSecond)}/s`,
      },
    );
    await db.destroy();
  } finally {
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
