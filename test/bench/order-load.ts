/**
 * The order load of benchmarks 2 and 6: POST /orders at a fixed concurrency for a fixed time
 * (autocannon via runHttpLoad), each request with a unique Idempotency-Key that records when it
 * was sent; then wait until every accepted order has ended and the system is idle again, and
 * measure orders/s = orders CONFIRMED / (last confirmation − first request) and the latency
 * request sent → order CONFIRMED (`orders.updated_at` of the CONFIRMED order).
 *
 * @example
 * await seedCatalog(url);
 * const round = await placeOrders(system, { token, connections: 16, seconds: 10, prefix: 'bench.seam.r1' });
 */
import type pg from 'pg';
import { issueDevToken } from '#platform/http';
import { percentile } from './bench-report.js';
import { runHttpLoad, type HttpLoadResult } from './http-load.js';
import { SqlCounter } from './sql-counter.js';

/** The dev signing key the benchmarks' systems verify tokens with (SEAM_AUTH_DEV_SECRET). */
export const AUTH_SECRET = 'bench-signing-key-0123456789abcdef0123';
/** Orders cycle over a few products, so that not every order waits for one stock row's lock. */
export const SKUS = Array.from({ length: 8 }, (_, i) => `BENCH-MUG-${i + 1}`);
export const PRICE = 1500;
export const WEIGHT_GRAMS = 400;
export const ON_HAND = 10_000_000;
export const ADDRESS = {
  name: 'Ada Lovelace',
  line1: 'Hauptstraße 1',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};
const BODIES = SKUS.map((sku) =>
  JSON.stringify({
    lines: [{ sku, quantity: 1 }],
    shippingAddress: ADDRESS,
    paymentToken: 'tok_approve',
  }),
);

export interface RoundResult {
  readonly http: HttpLoadResult;
  readonly confirmed: number;
  readonly notConfirmed: number;
  readonly ordersPerSecond: number;
  readonly toConfirmedP50Ms: number;
  readonly toConfirmedP99Ms: number;
  /** Sent to PostgreSQL by the system under test, from the first request until it settled. */
  readonly statementsPerOrder: number;
  /** Transactions that write (BEGIN … COMMIT, or a data-changing statement on its own). */
  readonly transactionsPerOrder: number;
  /** CPU of the main thread (where the system under test runs; the load runs in a worker). */
  readonly cpuMsPerOrder: number;
  /** CPU of every PostgreSQL process over the same span (NaN where /proc cannot tell). */
  readonly postgresCpuMsPerOrder: number;
}

export interface PlacedOrder {
  readonly sentAtMs: number;
  readonly status: string;
  readonly confirmedAtMs: number | null;
}

export interface VariantUnderTest {
  readonly url: string;
  /** The orders placed under keys starting with `prefix`: sent time, status, confirmation time. */
  orders(prefix: string): Promise<PlacedOrder[]>;
  /** Whether nothing placed so far is still in flight (sagas, outboxes). */
  settled(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * One round: orders POSTed for `seconds` at `connections`, under Idempotency-Keys starting with
 * `prefix` (no dots in it); returns once they have all ended and the system has settled.
 */
export async function placeOrders(
  target: VariantUnderTest,
  load: {
    token: string;
    connections: number;
    seconds: number;
    prefix: string;
    rate?: number;
    /** PostgreSQL's CPU ms so far (`postgresCpuMs`), for its share per order. */
    postgresCpuMs?: () => number | undefined;
  },
): Promise<RoundResult> {
  SqlCounter.install();
  const sqlBefore = SqlCounter.snapshot();
  const cpuBefore = process.threadCpuUsage();
  const postgresBefore = load.postgresCpuMs?.();
  const http = await runHttpLoad({
    url: target.url,
    method: 'POST',
    path: '/orders',
    connections: load.connections,
    seconds: load.seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${load.token}` },
    bodies: BODIES,
    stampHeader: { name: 'idempotency-key', prefix: load.prefix },
    rate: load.rate,
  });
  const placed = await untilDrained(target, load.prefix, http.status2xx);
  const confirmed = placed.filter((order) => order.status === 'CONFIRMED');
  const firstSent = placed.reduce((min, order) => Math.min(min, order.sentAtMs), Infinity);
  const lastConfirmed = confirmed.reduce(
    (max, order) => Math.max(max, order.confirmedAtMs!),
    -Infinity,
  );
  const toConfirmed = confirmed.map((order) => order.confirmedAtMs! - order.sentAtMs);
  await untilSettled(target);
  const sql = SqlCounter.since(sqlBefore);
  const cpu = process.threadCpuUsage(cpuBefore);
  const postgresAfter = load.postgresCpuMs?.();
  const perOrder = (total: number) => total / Math.max(1, confirmed.length);
  return {
    http,
    confirmed: confirmed.length,
    notConfirmed: placed.length - confirmed.length,
    ordersPerSecond: confirmed.length / ((lastConfirmed - firstSent) / 1000),
    toConfirmedP50Ms: percentile(toConfirmed, 0.5),
    toConfirmedP99Ms: percentile(toConfirmed, 0.99),
    statementsPerOrder: perOrder(sql.statements),
    transactionsPerOrder: perOrder(sql.transactions),
    cpuMsPerOrder: perOrder((cpu.user + cpu.system) / 1000),
    postgresCpuMsPerOrder:
      postgresBefore === undefined || postgresAfter === undefined
        ? NaN
        : perOrder(postgresAfter - postgresBefore),
  };
}

/** Waits until every order accepted in the round has ended (CONFIRMED or otherwise). */
async function untilDrained(target: VariantUnderTest, prefix: string, accepted: number) {
  const deadline = performance.now() + 300_000;
  for (;;) {
    const orders = await target.orders(prefix);
    if (orders.length >= accepted && orders.every((order) => order.status !== 'PENDING'))
      return orders;
    if (performance.now() > deadline)
      throw new Error(`${prefix}: ${orders.length}/${accepted} orders stored, not all ended`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until the round's leftovers (commit stock, outbox deliveries) are done. */
export async function untilSettled(target: VariantUnderTest): Promise<void> {
  const deadline = performance.now() + 120_000;
  while (!(await target.settled())) {
    if (performance.now() > deadline) throw new Error('work still in flight after 120 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Reads `<schema>.orders` joined with `<schema>.idempotency_keys` (the key holds the send time). */
export async function ordersUnder(
  admin: pg.Pool,
  schema: string,
  prefix: string,
): Promise<PlacedOrder[]> {
  const { rows } = await admin.query<{ key: string; status: string; confirmed_at_ms: number }>(
    `SELECT k.key, o.status,
            CASE WHEN o.status = 'CONFIRMED' THEN extract(epoch FROM o.updated_at) * 1000 END::float8
              AS confirmed_at_ms
       FROM ${schema}.idempotency_keys k JOIN ${schema}.orders o ON o.id = k.order_id
      WHERE k.key LIKE $1`,
    [`${prefix}.%`],
  );
  return rows.map((row) => ({
    sentAtMs: Number(row.key.slice(prefix.length + 1).split('.')[0]),
    status: row.status,
    confirmedAtMs: row.confirmed_at_ms,
  }));
}

/**
 * Whether Seam's database shows nothing in flight: no saga PENDING or RUNNING, no outbox row
 * waiting in any module's schema (the schemas are looked up once, so migrate first).
 */
export async function seamSettled(admin: pg.Pool): Promise<() => Promise<boolean>> {
  const { rows: outboxes } = await admin.query<{ schema: string }>(
    `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox'`,
  );
  const pendingOutbox = outboxes
    .map(
      ({ schema }) =>
        `(SELECT count(*) FROM "${schema}".outbox WHERE dispatched_at IS NULL AND parked_at IS NULL)`,
    )
    .join(' + ');
  return async () => {
    const { rows } = await admin.query<{ open: string }>(
      `SELECT (SELECT count(*) FROM ordering.workflow_executions WHERE status IN ('PENDING', 'RUNNING'))
              + ${pendingOutbox} AS open`,
    );
    return Number(rows[0]!.open) === 0;
  };
}

/** The benchmark's products and their stock, through Seam's HTTP API as an admin. */
export async function seedCatalog(url: string): Promise<void> {
  const adminToken = await issueDevToken(new TextEncoder().encode(AUTH_SECRET), {
    subject: 'bench-ops',
    roles: ['admin'],
  });
  const call = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  };
  for (const sku of SKUS) {
    await call('POST', '/catalog/products', {
      sku,
      name: 'Mug',
      price: { amount: PRICE, currency: 'EUR' },
      weightGrams: WEIGHT_GRAMS,
    });
    await call('PUT', `/inventory/stock/${sku}/BER-1`, { onHand: ON_HAND });
  }
}
