/**
 * Benchmark 2: an order placed over HTTP and CONFIRMED, end to end, three ways, alternated in one run.
 *   seam     - the monolith in this process: POST /orders (JWT, rate limit, validation, catalog
 *              and shipping over the bus, order + outbox + saga start in one transaction), then
 *              the order-fulfilment saga: reserve stock, authorise payment, create shipment,
 *              capture, confirm, commit stock (each a module call with its own transaction)
 *   baseline - one Fastify handler with a plain pg Pool, no framework: the same database work in
 *              one transaction (prices, shipping rate, order + line, conditional stock reservation,
 *              payment authorised+captured, shipment, order CONFIRMED, stock committed), in its
 *              own throwaway schema
 *   dbos     - the same saga with DBOS Transact: Fastify + a DBOS workflow whose steps are DBOS
 *              transactions (test/bench/dbos-order-saga.ts), in its own throwaway schema
 * autocannon (in a worker thread) POSTs /orders at a fixed concurrency for a fixed time; every
 * request carries a unique Idempotency-Key that also records when it was sent. After the round
 * the backlog drains; orders/s = orders CONFIRMED / (last confirmation − first request).
 * Latencies: the HTTP response (autocannon), and request sent → order CONFIRMED
 * (`orders.updated_at` of the CONFIRMED order).
 *
 *   npm run bench:orders
 *   BENCH_VARIANTS=seam node --cpu-prof dist/test/bench/order-placement.bench.js  # profile only
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Logger, Module, type INestApplication } from '@nestjs/common';
import { fastify, type FastifyInstance } from 'fastify';
import pg from 'pg';
import { FlagsOptions } from '#platform/flags';
import { AuthOptions, issueDevToken } from '#platform/http';
import { createRootLogger } from '#platform/observability';
import { DatabaseConnection, SchemaMigrator } from '#platform/persistence';
import { createSeamApplication } from '#platform/runtime';
import { WorkflowOptions } from '#platform/workflows';
import { MODULES } from '#monolith/modules';
import { MonolithModule } from '#monolith/monolith.module';
import { startBenchPostgres } from './bench-postgres.js';
import { median, report, round } from './bench-report.js';
import { postgresCpuMs } from './postgres-cpu.js';
import { OBSERVER, SqlCounter } from './sql-counter.js';
import { startDbos } from './dbos-order-saga.js';
import {
  ADDRESS,
  AUTH_SECRET,
  ON_HAND,
  ordersUnder,
  placeOrders,
  PRICE,
  seamSettled,
  seedCatalog,
  SKUS,
  WEIGHT_GRAMS,
  type RoundResult,
  type VariantUnderTest,
} from './order-load.js';

type Variant = 'seam' | 'baseline' | 'dbos';

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
  const variants = (process.env.BENCH_VARIANTS ?? 'seam,baseline,dbos').split(',') as Variant[];
  const logger = createRootLogger({ level: 'warn', service: 'bench' });
  const dataDir = await mkdtemp(join(tmpdir(), 'seam-bench-'));
  // Seam's module pools, the baseline's and DBOS's pools at once need more than 100 connections.
  const postgres = await startBenchPostgres({ dataDir, logger, throwaway: true }, 300);
  const admin = new pg.Pool({
    connectionString: postgres.adminUrl.href,
    max: 2,
    application_name: OBSERVER,
  });
  // An idle client cut off while PostgreSQL stops must not crash the run before it cleans up.
  admin.on('error', () => undefined);
  const started: VariantUnderTest[] = [];
  try {
    const database = new DatabaseConnection(postgres.adminUrl);
    await new SchemaMigrator(database, logger).migrate(MODULES.map((h) => h.schema));
    const token = await issueDevToken(new TextEncoder().encode(AUTH_SECRET), {
      subject: `bench-${randomUUID()}`,
    });
    const underTest: Partial<Record<Variant, VariantUnderTest>> = {};
    for (const variant of variants) {
      underTest[variant] =
        variant === 'seam'
          ? await startSeam(database, admin)
          : variant === 'dbos'
            ? await startDbos(postgres.adminUrl.href, admin, connections)
            : await startBaseline(postgres.adminUrl.href, admin, connections);
      started.push(underTest[variant]);
    }

    const runRound = (variant: Variant, label: string, roundSeconds: number, rate?: number) =>
      placeOrders(underTest[variant]!, {
        token,
        connections,
        seconds: roundSeconds,
        prefix: `bench.${variant}.${label}`,
        // BENCH_RATE: every round at that many requests per second instead of flat out.
        rate: rate ?? (Number(process.env.BENCH_RATE) || undefined),
        postgresCpuMs: () => postgresCpuMs(postgres.clusterDir),
      });

    for (const variant of variants) await runRound(variant, 'warmup', warmupSeconds);
    const results: Record<Variant, RoundResult[]> = { seam: [], baseline: [], dbos: [] };
    for (let r = 0; r < rounds; r++) {
      for (const variant of variants) {
        const result = await runRound(variant, `r${r + 1}`, seconds);
        results[variant].push(result);
        process.stdout.write(
          `round ${r + 1} ${variant}: ${Math.round(result.ordersPerSecond)} orders/s confirmed, ` +
            `HTTP ${Math.round(result.http.requestsPerSecond)} req/s p50 ${result.http.latencyP50Ms} ms, ` +
            `sent → CONFIRMED p50 ${Math.round(result.toConfirmedP50Ms)} ms, ` +
            `${round(result.statementsPerOrder, 1)} statements, ${round(result.transactionsPerOrder, 1)} transactions, ` +
            `${round(result.cpuMsPerOrder, 1)} CPU ms per order ` +
            `(PostgreSQL ${round(result.postgresCpuMsPerOrder, 1)})\n`,
        );
      }
    }

    const rows = variants.map((variant) => {
      const of = results[variant];
      const m = (pick: (result: RoundResult) => number) => median(of.map(pick));
      const ms = (pick: (result: RoundResult) => number) => round(m(pick), 1);
      return {
        variant,
        'orders/s': Math.round(m((x) => x.ordersPerSecond)),
        'HTTP req/s': Math.round(m((x) => x.http.requestsPerSecond)),
        'HTTP p50 ms': ms((x) => x.http.latencyP50Ms),
        'HTTP p99 ms': ms((x) => x.http.latencyP99Ms),
        'sent → CONFIRMED p50 ms': ms((x) => x.toConfirmedP50Ms),
        'sent → CONFIRMED p99 ms': ms((x) => x.toConfirmedP99Ms),
        'statements/order': ms((x) => x.statementsPerOrder),
        'transactions/order': ms((x) => x.transactionsPerOrder),
        'CPU ms/order': ms((x) => x.cpuMsPerOrder),
        'PostgreSQL CPU ms/order': ms((x) => x.postgresCpuMsPerOrder),
        'not confirmed': of.reduce((sum, x) => sum + x.notConfirmed, 0),
        'HTTP non-2xx + errors': of.reduce(
          (sum, x) => sum + x.http.non2xx + x.http.errors + x.http.timeouts,
          0,
        ),
      };
    });
    if (process.env.BENCH_SQL_TOP)
      for (const [text, count] of SqlCounter.top()) process.stdout.write(`${count}\t${text}\n`);
    if (!variants.includes('seam') || !variants.includes('baseline')) {
      console.table(rows);
      process.stdout.write('ratios need seam and baseline: results not written\n');
      return;
    }
    const medianOf = (variant: Variant, pick: (result: RoundResult) => number) =>
      median(results[variant].map(pick));
    const ratio =
      medianOf('seam', (x) => x.ordersPerSecond) / medianOf('baseline', (x) => x.ordersPerSecond);
    const statements = medianOf('seam', (x) => x.statementsPerOrder);
    const transactions = medianOf('seam', (x) => x.transactionsPerOrder);
    const cpuRatio =
      medianOf('seam', (x) => x.cpuMsPerOrder) / medianOf('baseline', (x) => x.cpuMsPerOrder);
    const postgresCpuRatio =
      medianOf('seam', (x) => x.postgresCpuMsPerOrder) /
      medianOf('baseline', (x) => x.postgresCpuMsPerOrder);
    const target = (met: boolean, goal: string) => (met ? `met (${goal})` : `MISSED (${goal})`);
    // Latency when not saturated: Seam at half the rate it confirmed orders at above.
    const halfRate = Math.max(1, Math.round(medianOf('seam', (x) => x.ordersPerSecond) / 2));
    const unsaturated = await runRound('seam', 'half', seconds, halfRate);
    process.stdout.write(
      `seam at ${halfRate} orders/s (half its saturation): ${Math.round(unsaturated.ordersPerSecond)} orders/s confirmed, ` +
        `HTTP p50 ${unsaturated.http.latencyP50Ms} ms, ` +
        `sent → CONFIRMED p50 ${Math.round(unsaturated.toConfirmedP50Ms)} ms, p99 ${Math.round(unsaturated.toConfirmedP99Ms)} ms\n`,
    );
    const dbosRatio =
      medianOf('seam', (x) => x.ordersPerSecond) / medianOf('dbos', (x) => x.ordersPerSecond);
    report('order-placement', 'npm run bench:orders', rows, {
      rounds,
      connections,
      'seconds per round': seconds,
      'orders/s seam / baseline': round(ratio),
      'target orders/s seam / baseline': target(ratio >= 0.5, '≥ 0.5'),
      'statements per order': round(statements, 1),
      'target statements per order': target(statements <= 24, '≤ 24'),
      'transactions per order': round(transactions, 1),
      'target transactions per order': target(transactions <= 8, '≤ 8'),
      'seam sent → confirmed p50 ms at half saturation': round(unsaturated.toConfirmedP50Ms, 1),
      'target seam sent → confirmed p50 ms at half saturation': target(
        unsaturated.toConfirmedP50Ms <= 100,
        '≤ 100',
      ),
      'cpu ms per order seam / baseline': round(cpuRatio),
      'target cpu ms per order seam / baseline': target(cpuRatio <= 2.5, '≤ 2.5'),
      // No target: PostgreSQL's share, which no change to Seam's own process can remove.
      'postgresql cpu ms per order seam / baseline': round(postgresCpuRatio),
      ...(variants.includes('dbos') && {
        'orders/s seam / dbos': round(dbosRatio),
        'target orders/s seam / dbos': target(dbosRatio >= 1, '≥ 1.0'),
      }),
    });
  } finally {
    for (const target of started.reverse()) await target.close();
    await admin.end();
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The monolith as `npm start` builds it (test/support/test-application.ts), on 127.0.0.1. */
async function startSeam(database: DatabaseConnection, admin: pg.Pool): Promise<VariantUnderTest> {
  @Module({
    imports: [
      MonolithModule.register({
        logger: createRootLogger({ level: 'silent', service: 'bench' }),
        database,
        callTimeoutMs: 5000,
        auth: AuthOptions.forDevSecret(AUTH_SECRET),
        writesPerMinute: 100_000_000,
        workflows: new WorkflowOptions('local'),
        flags: FlagsOptions.defaults(),
        // BENCH_WEB_ONLY=1: only the HTTP side (no sagas, relays), to see what placing costs.
        backgroundWork: !process.env.BENCH_WEB_ONLY,
      }),
    ],
  })
  class BenchRootModule {}
  const app: INestApplication = await createSeamApplication(BenchRootModule, {
    title: 'Seam (bench)',
  });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  await seedCatalog(url);
  const settled = await seamSettled(admin);
  return {
    url,
    orders: async (prefix) => {
      const orders = await ordersUnder(admin, 'ordering', prefix);
      // Web only: an accepted order counts as done when it is stored.
      return process.env.BENCH_WEB_ONLY
        ? orders.map((order) => ({ ...order, status: 'CONFIRMED', confirmedAtMs: order.sentAtMs }))
        : orders;
    },
    settled: process.env.BENCH_WEB_ONLY ? async () => true : settled,
    close: () => app.close(),
  };
}

const BASELINE_DDL = `
  BEGIN;
  DROP SCHEMA IF EXISTS order_baseline CASCADE;
  CREATE SCHEMA order_baseline;
  SET LOCAL search_path = order_baseline;
  CREATE TABLE products (
    sku text PRIMARY KEY, name text NOT NULL, price_amount bigint NOT NULL,
    price_currency char(3) NOT NULL, weight_grams integer NOT NULL, active boolean NOT NULL DEFAULT true);
  CREATE TABLE stock (
    sku text NOT NULL, warehouse text NOT NULL, on_hand integer NOT NULL CHECK (on_hand >= 0),
    reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0), updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, warehouse), CHECK (reserved <= on_hand));
  CREATE TABLE shipping_zones (country char(2) PRIMARY KEY, zone text NOT NULL);
  CREATE TABLE shipping_rates (
    zone text NOT NULL, currency char(3) NOT NULL, max_weight_grams integer NOT NULL,
    price_amount bigint NOT NULL, PRIMARY KEY (zone, currency, max_weight_grams));
  CREATE TABLE orders (
    id uuid PRIMARY KEY, customer_id text NOT NULL, status text NOT NULL, currency char(3) NOT NULL,
    items_total bigint NOT NULL, shipping_total bigint NOT NULL, total bigint NOT NULL,
    total_weight_grams integer NOT NULL, shipping_address jsonb NOT NULL, payment_token text NOT NULL,
    placed_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
  CREATE TABLE order_lines (
    order_id uuid NOT NULL REFERENCES orders (id), line_no integer NOT NULL, sku text NOT NULL,
    name text NOT NULL, quantity integer NOT NULL, unit_price bigint NOT NULL, weight_grams integer NOT NULL,
    PRIMARY KEY (order_id, line_no));
  CREATE TABLE idempotency_keys (
    customer_id text NOT NULL, key text NOT NULL, order_id uuid NOT NULL, response jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (customer_id, key));
  CREATE TABLE payments (
    order_id text PRIMARY KEY, status text NOT NULL, currency char(3) NOT NULL,
    authorized_amount bigint NOT NULL, captured_amount bigint NOT NULL, authorization_id text,
    capture_id text, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE shipments (
    order_id text PRIMARY KEY, status text NOT NULL, tracking_number text NOT NULL UNIQUE,
    carrier text NOT NULL, zone text NOT NULL, weight_grams integer NOT NULL, price_amount bigint NOT NULL,
    currency char(3) NOT NULL, address jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
  INSERT INTO shipping_zones VALUES ('DE', 'DOMESTIC');
  INSERT INTO shipping_rates VALUES ('DOMESTIC', 'EUR', 2000, 490), ('DOMESTIC', 'EUR', 10000, 690),
                                    ('DOMESTIC', 'EUR', 31500, 1490);
  COMMIT;
`;

interface BaselineRequest {
  lines: { sku: string; quantity: number }[];
  shippingAddress: typeof ADDRESS;
  paymentToken: string;
}

/** Fastify + pg, no framework: the order's whole database work in one handler and one transaction. */
async function startBaseline(
  adminUrl: string,
  admin: pg.Pool,
  connections: number,
): Promise<VariantUnderTest> {
  await admin.query(BASELINE_DDL);
  for (const sku of SKUS) {
    await admin.query(
      `INSERT INTO order_baseline.products (sku, name, price_amount, price_currency, weight_grams)
       VALUES ($1, 'Mug', $2, 'EUR', $3)`,
      [sku, PRICE, WEIGHT_GRAMS],
    );
    await admin.query(`INSERT INTO order_baseline.stock VALUES ($1, 'BER-1', $2)`, [sku, ON_HAND]);
  }
  const pool = new pg.Pool({ connectionString: adminUrl, max: connections });
  pool.on('error', () => undefined);
  const server: FastifyInstance = fastify({ logger: false });

  server.post('/orders', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string') return reply.code(400).send({ error: 'Idempotency-Key' });
    const { lines, shippingAddress, paymentToken } = request.body as BaselineRequest;
    const customerId = 'bench-customer';
    const db = await pool.connect();
    try {
      await db.query('BEGIN');
      const { rows: products } = await db.query<{
        sku: string;
        name: string;
        price_amount: string;
        price_currency: string;
        weight_grams: number;
      }>(
        `SELECT sku, name, price_amount, price_currency, weight_grams FROM order_baseline.products
          WHERE sku = ANY($1) AND active`,
        [lines.map((line) => line.sku)],
      );
      if (products.length !== lines.length) {
        await db.query('ROLLBACK');
        return reply.code(422).send({ error: 'UNKNOWN_PRODUCTS' });
      }
      const priced = lines.map((line) => {
        const product = products.find((p) => p.sku === line.sku)!;
        return { ...line, name: product.name, unitPrice: Number(product.price_amount), product };
      });
      const currency = products[0]!.price_currency;
      const itemsTotal = priced.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
      const weightGrams = priced.reduce(
        (sum, line) => sum + line.product.weight_grams * line.quantity,
        0,
      );
      const { rows: rates } = await db.query<{ zone: string; price_amount: string }>(
        `SELECT r.zone, r.price_amount FROM order_baseline.shipping_zones z
           JOIN order_baseline.shipping_rates r ON r.zone = z.zone
          WHERE z.country = $1 AND r.currency = $2 AND r.max_weight_grams >= $3
          ORDER BY r.max_weight_grams LIMIT 1`,
        [shippingAddress.country, currency, weightGrams],
      );
      if (!rates[0]) {
        await db.query('ROLLBACK');
        return reply.code(422).send({ error: 'ORDER_UNDELIVERABLE' });
      }
      const shippingTotal = Number(rates[0].price_amount);
      const total = itemsTotal + shippingTotal;
      const orderId = randomUUID();
      await db.query(
        `INSERT INTO order_baseline.orders (id, customer_id, status, currency, items_total, shipping_total,
                                           total, total_weight_grams, shipping_address, payment_token,
                                           placed_at, updated_at)
         VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, $7, $8, $9, clock_timestamp(), clock_timestamp())`,
        [
          orderId,
          customerId,
          currency,
          itemsTotal,
          shippingTotal,
          total,
          weightGrams,
          JSON.stringify(shippingAddress),
          paymentToken,
        ],
      );
      for (const [index, line] of priced.entries()) {
        await db.query(
          `INSERT INTO order_baseline.order_lines VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            orderId,
            index + 1,
            line.sku,
            line.name,
            line.quantity,
            line.unitPrice,
            line.product.weight_grams,
          ],
        );
      }
      // Stock rows in SKU order, as inventory locks them, so concurrent orders cannot deadlock.
      const bySku = [...priced].sort((a, b) => a.sku.localeCompare(b.sku));
      for (const line of bySku) {
        const reserved = await db.query(
          `UPDATE order_baseline.stock SET reserved = reserved + $2, updated_at = now()
            WHERE sku = $1 AND warehouse = 'BER-1' AND on_hand - reserved >= $2`,
          [line.sku, line.quantity],
        );
        if (reserved.rowCount !== 1) {
          await db.query('ROLLBACK');
          return reply.code(409).send({ error: 'OUT_OF_STOCK' });
        }
      }
      await db.query(
        `INSERT INTO order_baseline.payments (order_id, status, currency, authorized_amount,
                                             captured_amount, authorization_id, capture_id)
         VALUES ($1, 'CAPTURED', $2, $3, $3, $4, $5)`,
        [orderId, currency, total, `auth_${randomUUID()}`, `cap_${randomUUID()}`],
      );
      await db.query(
        `INSERT INTO order_baseline.shipments (order_id, status, tracking_number, carrier, zone,
                                              weight_grams, price_amount, currency, address)
         VALUES ($1, 'CREATED', $2, 'DHL', $3, $4, $5, $6, $7)`,
        [
          orderId,
          `TRK${randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()}`,
          rates[0].zone,
          weightGrams,
          shippingTotal,
          currency,
          JSON.stringify(shippingAddress),
        ],
      );
      await db.query(
        `UPDATE order_baseline.orders SET status = 'CONFIRMED', updated_at = clock_timestamp()
          WHERE id = $1 AND status = 'PENDING'`,
        [orderId],
      );
      for (const line of bySku) {
        await db.query(
          `UPDATE order_baseline.stock SET on_hand = on_hand - $2, reserved = reserved - $2,
                  updated_at = now() WHERE sku = $1 AND warehouse = 'BER-1'`,
          [line.sku, line.quantity],
        );
      }
      const response = {
        id: orderId,
        customerId,
        status: 'CONFIRMED',
        lines: priced.map((line) => ({
          sku: line.sku,
          name: line.name,
          quantity: line.quantity,
          unitPrice: { amount: line.unitPrice, currency },
        })),
        itemsTotal: { amount: itemsTotal, currency },
        shippingTotal: { amount: shippingTotal, currency },
        total: { amount: total, currency },
        totalWeightGrams: weightGrams,
        shippingAddress,
      };
      const claimed = await db.query(
        `INSERT INTO order_baseline.idempotency_keys (customer_id, key, order_id, response)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [customerId, key, orderId, JSON.stringify(response)],
      );
      if (claimed.rowCount !== 1) {
        await db.query('ROLLBACK');
        const { rows } = await db.query<{ response: unknown }>(
          `SELECT response FROM order_baseline.idempotency_keys WHERE customer_id = $1 AND key = $2`,
          [customerId, key],
        );
        return reply.code(201).send(rows[0]!.response);
      }
      await db.query('COMMIT');
      return reply.code(201).send(response);
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      db.release();
    }
  });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    orders: (prefix) => ordersUnder(admin, 'order_baseline', prefix),
    settled: async () => true,
    close: async () => {
      await server.close();
      await pool.end();
    },
  };
}

await main();
