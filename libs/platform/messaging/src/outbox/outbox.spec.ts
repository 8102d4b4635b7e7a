import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createRootLogger, Metrics } from '#platform/observability';
import { defineModuleSchema, SchemaMigrator, type ModuleSchema } from '#platform/persistence';
import { eventually } from '../../../../../test/support/eventually.js';
import { testDatabase } from '../../../../../test/support/test-database.js';
import { Inbox } from './inbox.js';
import { Outbox } from './outbox.js';
import {
  OutboxBacklogGauges,
  OutboxRelay,
  type Dispatch,
  type OutboxMessage,
} from './outbox-relay.js';
import {
  createOutboxNotifyMigration,
  createOutboxTablesMigration,
} from './outbox-tables.migration.js';
import { RelayOptions } from './relay-options.js';

const logger = createRootLogger({ level: 'silent', service: 'test' });

/** A throw-away module under a fresh name, with outbox/inbox tables and an `effects` table. */
function moduleSchema(prefix: string): ModuleSchema {
  const module = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  class CreateEffects1763712000001 implements MigrationInterface {
    name = 'CreateEffects1763712000001';
    async up(db: QueryRunner): Promise<void> {
      await db.query(`CREATE TABLE "${module}".effects (
        ord bigserial PRIMARY KEY, message_id uuid NOT NULL, aggregate_id text NOT NULL, seq int NOT NULL)`);
    }
    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE "${module}".effects`);
    }
  }
  return defineModuleSchema({
    module,
    migrations: [
      createOutboxTablesMigration(module, 1763712000000),
      CreateEffects1763712000001,
      createOutboxNotifyMigration(module, 1763712000002),
    ],
  });
}

async function openDataSource(schema: ModuleSchema): Promise<DataSource> {
  const db = new DataSource({
    type: 'postgres',
    url: testDatabase().urlFor(schema).href,
    schema: schema.schema,
  });
  return db.initialize();
}

describe('transactional outbox, relay and inbox', () => {
  let publisher: ModuleSchema;
  let subscriber: ModuleSchema;
  let publisherDb: DataSource;
  let subscriberDb: DataSource;
  let outbox: Outbox;
  let inbox: Inbox;
  let Happened: new (aggregateId: string, seq: number) => { aggregateId: string; seq: number };

  /** The subscriber's handler: records the effect once per message, through its inbox. */
  const handle = (message: OutboxMessage) => {
    const { aggregateId, seq } = message.payload as { aggregateId: string; seq: number };
    return inbox.runOnce('probe.record-effect', message.headers, (tx) =>
      tx.query(
        `INSERT INTO "${subscriber.schema}".effects (message_id, aggregate_id, seq) VALUES ($1, $2, $3)`,
        [message.headers.messageId, aggregateId, seq],
      ),
    );
  };
  const deliverToSubscriber: Dispatch = async (message) => {
    await handle(message);
  };

  const publish = (aggregateId: string, seq: number) =>
    publisherDb.transaction((tx) => outbox.add(tx, new Happened(aggregateId, seq), aggregateId));

  const effects = async (aggregateId: string) =>
    (
      (await subscriberDb.query(
        `SELECT seq FROM "${subscriber.schema}".effects WHERE aggregate_id = $1 ORDER BY ord`,
        [aggregateId],
      )) as { seq: number }[]
    ).map((row) => row.seq);

  const relay = (
    dispatch: Dispatch,
    options: Partial<Parameters<typeof RelayOptions.defaults>[0]> = {},
  ) =>
    new OutboxRelay(
      publisher.schema,
      publisherDb,
      testDatabase().urlFor(publisher).href,
      dispatch,
      RelayOptions.defaults({ backoffBaseMs: 1, backoffMaxMs: 5, ...options }),
    );

  const freshAggregate = () => `agg-${Math.random().toString(36).slice(2, 10)}`;

  beforeAll(async () => {
    Logger.overrideLogger(false); // the relay's warnings about the failures these tests cause
    publisher = moduleSchema('pub');
    subscriber = moduleSchema('sub');
    await new SchemaMigrator(testDatabase(), logger).migrate([publisher, subscriber]);
    publisherDb = await openDataSource(publisher);
    subscriberDb = await openDataSource(subscriber);
    outbox = new Outbox(publisher.module, publisher.schema, publisherDb);
    inbox = new Inbox(subscriber.schema, subscriberDb);
    Happened = class {
      static readonly pattern = `${publisher.module}.happened`;
      constructor(
        readonly aggregateId: string,
        readonly seq: number,
      ) {}
    };
  });

  afterAll(async () => {
    await publisherDb?.destroy();
    await subscriberDb?.destroy();
  });

  it('delivers an event only if the transaction that wrote it commits', async () => {
    const aggregate = freshAggregate();
    await publisherDb
      .transaction(async (tx) => {
        await outbox.add(tx, new Happened(aggregate, 1), aggregate);
        throw new Error('state change failed');
      })
      .catch(() => undefined);
    await publish(aggregate, 2);
    const relayer = relay(deliverToSubscriber);
    while ((await relayer.relayOnce()) > 0);
    expect(await effects(aggregate)).toEqual([2]);
  });

  it('wakes on commit (LISTEN/NOTIFY) without waiting for the poll interval', async () => {
    const relayer = relay(deliverToSubscriber, { pollIntervalMs: 600_000 });
    await relayer.start();
    try {
      // The first event may be caught by the relay's first round; once it is delivered the relay
      // idles for ten minutes, so the second can only arrive through NOTIFY.
      const aggregate = freshAggregate();
      await publish(aggregate, 1);
      await eventually(
        () => effects(aggregate),
        (seqs) => seqs.length === 1,
        'the first delivery',
      );
      await publish(aggregate, 2);
      expect(
        await eventually(
          () => effects(aggregate),
          (seqs) => seqs.length === 2,
          'the NOTIFY-driven delivery',
        ),
      ).toEqual([1, 2]);
    } finally {
      await relayer.stop();
    }
  });

  it('listens again after its LISTEN connection is killed', async () => {
    const relayer = relay(deliverToSubscriber, { pollIntervalMs: 600_000 });
    await relayer.start();
    const admin = await new DataSource({
      type: 'postgres',
      url: testDatabase().adminUrl.href,
    }).initialize();
    const listenerPids = () =>
      admin.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [
        `seam:${publisher.schema}:relay`,
      ]) as Promise<{ pid: number }[]>;
    try {
      const [before] = await eventually(
        listenerPids,
        (rows) => rows.length === 1,
        'the LISTEN connection',
      );
      await admin.query('SELECT pg_terminate_backend($1)', [before!.pid]);
      await eventually(
        listenerPids,
        (rows) => rows.length === 1 && rows[0]!.pid !== before!.pid,
        'a new LISTEN connection',
      );
      const aggregate = freshAggregate();
      await publish(aggregate, 1);
      expect(
        await eventually(
          () => effects(aggregate),
          (seqs) => seqs.length === 1,
          'delivery after the reconnect',
        ),
      ).toEqual([1]);
    } finally {
      await admin.destroy();
      await relayer.stop();
    }
  });

  it('claims at most batchSize events per round', async () => {
    const relayer = relay(deliverToSubscriber, { batchSize: 10 });
    while ((await relayer.relayOnce()) > 0); // drain what earlier tests left
    for (let i = 0; i < 25; i++) await publish(freshAggregate(), 1);
    expect([
      await relayer.relayOnce(),
      await relayer.relayOnce(),
      await relayer.relayOnce(),
    ]).toEqual([10, 10, 5]);
  });

  it('keeps per-aggregate order with concurrent publishers and two relays', async () => {
    const aggregates = Array.from({ length: 6 }, freshAggregate);
    const perAggregate = 30;
    const jitteryDelivery: Dispatch = async (message) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      await handle(message);
    };
    const relays = [
      relay(jitteryDelivery, { batchSize: 4, pollIntervalMs: 20 }),
      relay(jitteryDelivery, { batchSize: 4, pollIntervalMs: 20 }),
    ];
    await Promise.all(relays.map((r) => r.start()));
    try {
      await Promise.all(
        aggregates.map(async (aggregate) => {
          for (let seq = 1; seq <= perAggregate; seq++) await publish(aggregate, seq);
        }),
      );
      const expected = Array.from({ length: perAggregate }, (_, i) => i + 1);
      for (const aggregate of aggregates) {
        expect(
          await eventually(
            () => effects(aggregate),
            (seqs) => seqs.length >= perAggregate,
            `all events of ${aggregate}`,
          ),
        ).toEqual(expected);
      }
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
    }
  });

  it('redelivers after a relay dies between delivery and completion, and the inbox absorbs the duplicate', async () => {
    const aggregate = freshAggregate();
    await publish(aggregate, 1);
    const outcomes: string[] = [];
    let releaseDeadRelay!: () => void;
    const deadRelayDelivery: Dispatch = async (message) => {
      outcomes.push(await handle(message));
      await new Promise<void>((resolve) => (releaseDeadRelay = resolve)); // never records completion in time
    };
    const dead = relay(deadRelayDelivery, { leaseMs: 300 });
    const deadRound = dead.relayOnce();
    await eventually(
      () => effects(aggregate),
      (seqs) => seqs.length === 1,
      'the first delivery',
    );

    const survivor = relay(async (message) => {
      outcomes.push(await handle(message));
    });
    await eventually(
      () => survivor.relayOnce(),
      (claimed) => claimed === 1,
      'the lease to expire and the event to be reclaimed',
    );
    releaseDeadRelay();
    await deadRound;

    expect(outcomes).toEqual(['handled', 'duplicate']);
    expect(await effects(aggregate)).toEqual([1]);
    expect(await survivor.relayOnce()).toBe(0);
  });

  it('backs off, parks an event after maxAttempts holding back its aggregate, and redrive delivers in order', async () => {
    const aggregate = freshAggregate();
    const poisonId = await publish(aggregate, 1);
    await publish(aggregate, 2);
    let subscriberBroken = true;
    const relayer = relay(
      async (message) => {
        if (subscriberBroken) throw new Error('subscriber store unavailable');
        await handle(message);
      },
      { maxAttempts: 2 },
    );
    const roundsUntilParked = async () => {
      for (let round = 0; round < 50; round++) {
        await relayer.relayOnce();
        if ((await outbox.parked()).some((event) => event.id === poisonId)) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('never parked');
    };
    await roundsUntilParked();
    const parked = (await outbox.parked()).find((event) => event.id === poisonId);
    expect(parked).toMatchObject({
      aggregateId: aggregate,
      attempts: 2,
      lastError: 'Error: subscriber store unavailable',
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await relayer.relayOnce();
    expect(await effects(aggregate)).toEqual([]); // event 2 waits behind the parked event 1

    subscriberBroken = false;
    expect(await outbox.redrive([poisonId])).toBe(1);
    while ((await relayer.relayOnce()) > 0);
    expect(await effects(aggregate)).toEqual([1, 2]);
  });

  it('refuses to write outside a transaction or to publish another module’s event', async () => {
    await expect(outbox.add(publisherDb.manager, new Happened('a', 1), 'a')).rejects.toThrow(
      /inside the transaction/,
    );
    class Foreign {
      static readonly pattern = 'catalog.product-deactivated';
    }
    await expect(
      publisherDb.transaction((tx) => outbox.add(tx, new Foreign(), 'a')),
    ).rejects.toThrow(/only their own events/);
  });
});

describe('outbox backlog gauges', () => {
  let schema: ModuleSchema;
  let db: DataSource;
  let outbox: Outbox;
  let Happened: new () => object;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    schema = moduleSchema('lag'); // its own outbox: no other test's rows are counted
    await new SchemaMigrator(testDatabase(), logger).migrate([schema]);
    db = await openDataSource(schema);
    outbox = new Outbox(schema.module, schema.schema, db);
    Happened = class {
      static readonly pattern = `${schema.module}.happened`;
    };
  });

  afterAll(async () => {
    await db?.destroy();
  });

  const relayWith = (dispatch: Dispatch, gauges?: OutboxBacklogGauges) =>
    new OutboxRelay(
      schema.schema,
      db,
      testDatabase().urlFor(schema).href,
      dispatch,
      RelayOptions.defaults({ maxAttempts: 1, pollIntervalMs: 600_000 }),
      gauges,
    );

  it('measures the oldest undelivered event’s age and the parked events, and keeps the gauges current', async () => {
    const idle = relayWith(async () => undefined);
    expect(await idle.backlog()).toEqual({ lagSeconds: 0, parked: 0 });

    await db.transaction((tx) => outbox.add(tx, new Happened(), 'poison'));
    await db.transaction((tx) => outbox.add(tx, new Happened(), 'fine'));
    await db.query(
      `UPDATE "${schema.schema}".outbox SET created_at = now() - interval '90 seconds' WHERE aggregate_id = 'poison'`,
    );
    const waiting = await idle.backlog();
    expect(waiting.parked).toBe(0);
    expect(waiting.lagSeconds).toBeGreaterThanOrEqual(90);
    expect(waiting.lagSeconds).toBeLessThan(120);

    // One attempt allowed: the poison event is parked, the other delivered.
    const failing = relayWith(async (message) => {
      if (message.aggregateId === 'poison') throw new Error('subscriber down');
    });
    expect(await failing.relayOnce()).toBe(2);
    expect(await failing.backlog()).toEqual({ lagSeconds: 0, parked: 1 });

    const metrics = new Metrics();
    const running = relayWith(async () => undefined, new OutboxBacklogGauges(metrics, 'probe'));
    await running.start();
    try {
      const text = await eventually(
        () => metrics.render(),
        (rendered) => rendered.includes('seam_outbox_parked_events{module="probe"} 1'),
        'the parked gauge',
      );
      expect(text).toContain('seam_outbox_lag_seconds{module="probe"} 0');
    } finally {
      await running.stop();
    }
  });
});
