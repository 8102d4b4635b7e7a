/**
 * The `dbos` variant of benchmark 2: Seam's order saga written as a TypeScript team would write it
 * with DBOS Transact (@dbos-inc/dbos-sdk, durable workflows checkpointed in PostgreSQL), served by
 * Fastify like the baseline, in its own throwaway schema `order_dbos`.
 *
 *   POST /orders  one transaction through the data source (outside a workflow): idempotency key
 *                 check, prices, shipping rate, order PENDING + lines + key; then
 *                 `DBOS.startWorkflow(orderFulfilment, { workflowID: orderId })` and 201 PENDING.
 *   workflow      the steps of libs/modules/ordering/workflows/order-fulfilment.asl.json, each a
 *                 DBOS transaction (KnexDataSource, its own transaction on the app database):
 *                 reserve stock, authorise payment, create shipment, capture payment, confirm
 *                 order, commit stock. The card gateway calls are DBOS steps (authorise: no wait;
 *                 capture and void: 5 ms, as Seam's simulated gateway). On a failure the order is
 *                 rejected and the steps done are undone in reverse (cancel shipment, void or
 *                 refund, release stock).
 *
 * DBOS keeps its own state in a separate system database (`seam_dbos_sys`) on the same PostgreSQL;
 * the data source records each transaction's outcome in `dbos.transaction_completion` of the app
 * database, in the same transaction.
 *
 * @example
 * const dbos = await startDbos(postgres.adminUrl.href, admin, 16);
 * await placeOrders(dbos, { token, connections: 16, seconds: 10, prefix: 'bench.dbos.r1' });
 * await dbos.close();
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DBOS } from '@dbos-inc/dbos-sdk';
import { KnexDataSource } from '@dbos-inc/knex-datasource';
import { fastify, type FastifyInstance } from 'fastify';
import type pg from 'pg';
import {
  ON_HAND,
  ordersUnder,
  PRICE,
  SKUS,
  WEIGHT_GRAMS,
  type ADDRESS,
  type VariantUnderTest,
} from './order-load.js';

const SCHEMA = 'order_dbos';
const SYSTEM_DATABASE = 'seam_dbos_sys';
const CUSTOMER_ID = 'bench-customer';
/** As Seam's saga asks inventory to hold stock (ReserveStock's holdSeconds). */
const HOLD_SECONDS = 3600;

/** The tables of Seam's modules that the order and its saga write, in one schema. */
const DDL = `
  BEGIN;
  DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE;
  CREATE SCHEMA ${SCHEMA};
  SET LOCAL search_path = ${SCHEMA};
  CREATE TABLE products (
    sku text PRIMARY KEY, name text NOT NULL, price_amount bigint NOT NULL,
    price_currency char(3) NOT NULL, weight_grams integer NOT NULL, active boolean NOT NULL DEFAULT true);
  CREATE TABLE stock (
    sku text NOT NULL, warehouse text NOT NULL, on_hand integer NOT NULL CHECK (on_hand >= 0),
    reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0), updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, warehouse), CHECK (reserved <= on_hand));
  CREATE TABLE reservations (
    order_id text PRIMARY KEY, status text NOT NULL CHECK (status IN ('HELD', 'RELEASED', 'COMMITTED')),
    expires_at timestamptz NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX reservations_held_expiry_idx ON reservations (expires_at) WHERE status = 'HELD';
  CREATE TABLE reservation_lines (
    order_id text NOT NULL REFERENCES reservations (order_id), sku text NOT NULL, warehouse text NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0), PRIMARY KEY (order_id, sku, warehouse));
  CREATE TABLE shipping_zones (country char(2) PRIMARY KEY, zone text NOT NULL);
  CREATE TABLE shipping_rates (
    zone text NOT NULL, currency char(3) NOT NULL, max_weight_grams integer NOT NULL,
    price_amount bigint NOT NULL, PRIMARY KEY (zone, currency, max_weight_grams));
  CREATE TABLE orders (
    id uuid PRIMARY KEY, customer_id text NOT NULL,
    status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    reject_reason text, currency char(3) NOT NULL, items_total bigint NOT NULL, shipping_total bigint NOT NULL,
    total bigint NOT NULL CHECK (total = items_total + shipping_total), total_weight_grams integer NOT NULL,
    shipping_address jsonb NOT NULL, shipping_speed text NOT NULL DEFAULT 'standard', payment_token text NOT NULL,
    placed_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
    CHECK ((status = 'REJECTED') = (reject_reason IS NOT NULL)));
  CREATE TABLE order_lines (
    order_id uuid NOT NULL REFERENCES orders (id), line_no integer NOT NULL, sku text NOT NULL,
    name text NOT NULL, quantity integer NOT NULL, unit_price bigint NOT NULL, weight_grams integer NOT NULL,
    PRIMARY KEY (order_id, line_no));
  CREATE TABLE idempotency_keys (
    customer_id text NOT NULL, key text NOT NULL, order_id uuid NOT NULL, response jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (customer_id, key));
  CREATE TABLE payments (
    order_id text PRIMARY KEY,
    status text NOT NULL CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'REFUNDED')),
    currency char(3) NOT NULL, authorized_amount bigint NOT NULL, captured_amount bigint NOT NULL DEFAULT 0,
    refunded_amount bigint NOT NULL DEFAULT 0, authorization_id text, capture_id text, decline_reason text,
    created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE shipments (
    order_id text PRIMARY KEY, status text NOT NULL CHECK (status IN ('CREATED', 'CANCELLED')),
    tracking_number text NOT NULL UNIQUE, carrier text NOT NULL, zone text NOT NULL,
    weight_grams integer NOT NULL, price_amount bigint NOT NULL, currency char(3) NOT NULL,
    address jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now());
  INSERT INTO shipping_zones VALUES ('DE', 'DOMESTIC');
  INSERT INTO shipping_rates VALUES ('DOMESTIC', 'EUR', 2000, 490), ('DOMESTIC', 'EUR', 10000, 690),
                                    ('DOMESTIC', 'EUR', 31500, 1490);
  COMMIT;
`;

interface OrderRequest {
  lines: { sku: string; quantity: number }[];
  shippingAddress: typeof ADDRESS;
  paymentToken: string;
}

/** What the saga gets, as Seam's order store starts order-fulfilment. */
interface FulfilmentInput {
  orderId: string;
  lines: { sku: string; quantity: number }[];
  total: { amount: number; currency: string };
  cardToken: string;
  shippingAddress: typeof ADDRESS;
  shippingTotal: { amount: number; currency: string };
  weightGrams: number;
}

/** A failure the saga turns into a reason the customer can read (ExplainFailure). */
class SagaError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

const REASONS: Record<string, string> = {
  OutOfStockError: 'Some items in your order are out of stock. You have not been charged.',
  ReservationReleasedError:
    'Your order took too long to process and its items were released. You have not been charged.',
  PaymentDeclinedError: 'Your payment was declined. You have not been charged.',
  UndeliverableError: 'We cannot deliver this order to your address. You have not been charged.',
};
const UNAVAILABLE =
  'We could not complete your order right now. You have not been charged; please try again later.';

let started = false;

/**
 * DBOS is one registry per process: call once, before nothing else launched DBOS. The app
 * database's pool (the data source's) has `connections` connections, as the baseline's; so has
 * DBOS's system database pool (its default is 10).
 */
export async function startDbos(
  adminUrl: string,
  admin: pg.Pool,
  connections: number,
): Promise<VariantUnderTest> {
  if (started) throw new Error('startDbos: DBOS is one per process');
  started = true;
  await admin.query(DDL);
  for (const sku of SKUS) {
    await admin.query(
      `INSERT INTO ${SCHEMA}.products (sku, name, price_amount, price_currency, weight_grams)
       VALUES ($1, 'Mug', $2, 'EUR', $3)`,
      [sku, PRICE, WEIGHT_GRAMS],
    );
    await admin.query(
      `INSERT INTO ${SCHEMA}.stock (sku, warehouse, on_hand) VALUES ($1, 'BER-1', $2)`,
      [sku, ON_HAND],
    );
  }
  await admin.query(`DROP DATABASE IF EXISTS ${SYSTEM_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${SYSTEM_DATABASE}`);
  const systemDatabaseUrl = new URL(adminUrl);
  systemDatabaseUrl.pathname = `/${SYSTEM_DATABASE}`;

  const db = new KnexDataSource('app', {
    client: 'pg',
    connection: adminUrl,
    pool: { max: connections },
  });
  const tx = () => db.client;
  const fulfil = registerSaga(db, tx);

  DBOS.setConfig({
    name: 'seam-dbos-bench',
    systemDatabaseUrl: systemDatabaseUrl.href,
    systemDatabasePoolSize: connections,
    logLevel: 'warn',
  });
  await DBOS.launch();

  const placeOrder = async (key: string, request: OrderRequest) =>
    db.runTransaction(
      async () => {
        const earlier = await tx().raw<{ rows: { response: unknown }[] }>(
          `SELECT response FROM ${SCHEMA}.idempotency_keys WHERE customer_id = ? AND key = ?`,
          [CUSTOMER_ID, key],
        );
        if (earlier.rows[0]) return { code: 201, body: earlier.rows[0].response, start: undefined };
        const { lines, shippingAddress, paymentToken } = request;
        const { rows: products } = await tx().raw<{
          rows: {
            sku: string;
            name: string;
            price_amount: string;
            price_currency: string;
            weight_grams: number;
          }[];
        }>(
          `SELECT sku, name, price_amount, price_currency, weight_grams FROM ${SCHEMA}.products
            WHERE sku = ANY(?) AND active`,
          [lines.map((line) => line.sku)],
        );
        if (products.length !== lines.length)
          return { code: 422, body: { error: 'UNKNOWN_PRODUCTS' }, start: undefined };
        const priced = lines.map((line) => {
          const product = products.find((p) => p.sku === line.sku)!;
          return {
            sku: line.sku,
            name: product.name,
            quantity: line.quantity,
            unitPrice: Number(product.price_amount),
            weightGrams: product.weight_grams,
          };
        });
        const currency = products[0]!.price_currency;
        const itemsTotal = priced.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
        const weightGrams = priced.reduce((sum, line) => sum + line.weightGrams * line.quantity, 0);
        const { rows: rates } = await tx().raw<{ rows: { price_amount: string }[] }>(
          `SELECT r.price_amount FROM ${SCHEMA}.shipping_zones z
             JOIN ${SCHEMA}.shipping_rates r ON r.zone = z.zone
            WHERE z.country = ? AND r.currency = ? AND r.max_weight_grams >= ?
            ORDER BY r.max_weight_grams LIMIT 1`,
          [shippingAddress.country, currency, weightGrams],
        );
        if (!rates[0])
          return { code: 422, body: { error: 'ORDER_UNDELIVERABLE' }, start: undefined };
        const shippingTotal = Number(rates[0].price_amount);
        const total = itemsTotal + shippingTotal;
        const orderId = randomUUID();
        const response = {
          id: orderId,
          customerId: CUSTOMER_ID,
          status: 'PENDING',
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
          shippingSpeed: 'standard',
          placedAt: new Date().toISOString(),
        };
        // The key first: a concurrent request with the same key waits here, then finds it taken.
        const claimed = await tx().raw<{ rows: unknown[] }>(
          `INSERT INTO ${SCHEMA}.idempotency_keys (customer_id, key, order_id, response)
           VALUES (?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING RETURNING key`,
          [CUSTOMER_ID, key, orderId, JSON.stringify(response)],
        );
        if (claimed.rows.length === 0) {
          const { rows } = await tx().raw<{ rows: { response: unknown }[] }>(
            `SELECT response FROM ${SCHEMA}.idempotency_keys WHERE customer_id = ? AND key = ?`,
            [CUSTOMER_ID, key],
          );
          return { code: 201, body: rows[0]!.response, start: undefined };
        }
        await tx().raw(
          `INSERT INTO ${SCHEMA}.orders (id, customer_id, status, currency, items_total, shipping_total,
                                        total, total_weight_grams, shipping_address, payment_token,
                                        placed_at, updated_at)
           VALUES (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?::jsonb, ?, clock_timestamp(), clock_timestamp())`,
          [
            orderId,
            CUSTOMER_ID,
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
          await tx().raw(`INSERT INTO ${SCHEMA}.order_lines VALUES (?, ?, ?, ?, ?, ?, ?)`, [
            orderId,
            index + 1,
            line.sku,
            line.name,
            line.quantity,
            line.unitPrice,
            line.weightGrams,
          ]);
        }
        const start: FulfilmentInput = {
          orderId,
          lines: priced.map((line) => ({ sku: line.sku, quantity: line.quantity })),
          total: { amount: total, currency },
          cardToken: paymentToken,
          shippingAddress,
          shippingTotal: { amount: shippingTotal, currency },
          weightGrams,
        };
        return { code: 201, body: response as unknown, start };
      },
      { name: 'placeOrder' },
    );

  const server: FastifyInstance = fastify({ logger: false });
  server.post('/orders', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string') return reply.code(400).send({ error: 'Idempotency-Key' });
    const placed = await placeOrder(key, request.body as OrderRequest);
    // The workflow ID is the order ID: starting it again (a retried request) is a no-op.
    if (placed.start)
      await DBOS.startWorkflow(fulfil, { workflowID: placed.start.orderId })(placed.start);
    return reply.code(placed.code).send(placed.body);
  });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });

  return {
    url: address,
    orders: (prefix) => ordersUnder(admin, SCHEMA, prefix),
    settled: async () =>
      (
        await DBOS.listWorkflows({
          status: 'PENDING',
          limit: 1,
          loadInput: false,
          loadOutput: false,
        })
      ).length === 0,
    close: async () => {
      await server.close();
      await DBOS.shutdown();
    },
  };
}

type Tx = () => KnexDataSource['client'];
/** Positional (`?`) bindings of a raw query. */
type Bindings = readonly (string | number | string[] | null)[];

/** The order-fulfilment saga: its steps as DBOS transactions and steps, and the workflow. */
function registerSaga(db: KnexDataSource, tx: Tx) {
  const rows = async <T>(sql: string, bindings: Bindings): Promise<T[]> =>
    (await tx().raw<{ rows: T[] }>(sql, bindings)).rows;

  // ReserveStock (inventory.reserve): claim the order, then hold each SKU in SKU order.
  const reserveStock = db.registerTransaction(
    async (orderId: string, lines: { sku: string; quantity: number }[]) => {
      const claimed = await rows(
        `INSERT INTO ${SCHEMA}.reservations (order_id, status, expires_at)
         VALUES (?, 'HELD', now() + make_interval(secs => ?)) ON CONFLICT (order_id) DO NOTHING
         RETURNING order_id`,
        [orderId, HOLD_SECONDS],
      );
      if (claimed.length === 0) {
        const [existing] = await rows<{ status: string }>(
          `SELECT status FROM ${SCHEMA}.reservations WHERE order_id = ?`,
          [orderId],
        );
        if (existing!.status === 'RELEASED')
          throw new SagaError('ReservationReleasedError', `reservation ${orderId} released`);
        return existing!.status;
      }
      const merged = new Map<string, number>();
      for (const { sku, quantity } of lines) merged.set(sku, (merged.get(sku) ?? 0) + quantity);
      for (const sku of [...merged.keys()].sort()) {
        let wanted = merged.get(sku)!;
        const warehouses = await rows<{ warehouse: string; available: number }>(
          `SELECT warehouse, on_hand - reserved AS available FROM ${SCHEMA}.stock
            WHERE sku = ? AND on_hand > reserved ORDER BY warehouse FOR UPDATE`,
          [sku],
        );
        for (const { warehouse, available } of warehouses) {
          if (wanted === 0) break;
          const quantity = Math.min(wanted, available);
          wanted -= quantity;
          await tx().raw(
            `UPDATE ${SCHEMA}.stock SET reserved = reserved + ?, updated_at = now() WHERE sku = ? AND warehouse = ?`,
            [quantity, sku, warehouse],
          );
          await tx().raw(
            `INSERT INTO ${SCHEMA}.reservation_lines (order_id, sku, warehouse, quantity) VALUES (?, ?, ?, ?)`,
            [orderId, sku, warehouse, quantity],
          );
        }
        // Thrown, so the transaction rolls back: nothing is held.
        if (wanted > 0) throw new SagaError('OutOfStockError', `${sku}: ${wanted} short`);
      }
      return 'HELD';
    },
    { name: 'reserveStock' },
  );

  // The card gateway, as Seam's simulated one: authorise answers at once, capture and void take 5 ms.
  const gatewayAuthorize = DBOS.registerStep(
    async (cardToken: string) => {
      if (cardToken === 'tok_decline' || cardToken === 'tok_insufficient_funds')
        return { declineReason: cardToken === 'tok_decline' ? 'DECLINED' : 'INSUFFICIENT_FUNDS' };
      return { authorizationId: `auth_${randomUUID()}` };
    },
    { name: 'gatewayAuthorize', retriesAllowed: true, intervalSeconds: 1, maxAttempts: 3 },
  );
  const gatewayCapture = DBOS.registerStep(
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return `cap_${randomUUID()}`;
    },
    { name: 'gatewayCapture', retriesAllowed: true, intervalSeconds: 1, maxAttempts: 8 },
  );
  const gatewayVoid = DBOS.registerStep(
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
    { name: 'gatewayVoid', retriesAllowed: true, intervalSeconds: 1, maxAttempts: 10 },
  );
  const gatewayRefund = DBOS.registerStep(async () => undefined, {
    name: 'gatewayRefund',
    retriesAllowed: true,
    intervalSeconds: 1,
    maxAttempts: 10,
  });

  // AuthorizePayment (payments.authorize): the order must be PENDING and the amount its total.
  const recordAuthorization = db.registerTransaction(
    async (
      orderId: string,
      amount: { amount: number; currency: string },
      outcome: { authorizationId?: string; declineReason?: string },
    ) => {
      const [order] = await rows<{ status: string; total: string; currency: string }>(
        `SELECT status, total, currency FROM ${SCHEMA}.orders WHERE id = ?`,
        [orderId],
      );
      if (order?.status !== 'PENDING')
        throw new SagaError('OrderNotPayableError', `order ${orderId} is ${order?.status}`);
      if (Number(order.total) !== amount.amount || order.currency !== amount.currency)
        throw new SagaError(
          'AmountNotOrderTotalError',
          `order ${orderId}: amount is not its total`,
        );
      const declined = outcome.declineReason !== undefined;
      // A decline is stored like an authorisation (the first outcome stays); the workflow fails on it.
      const [inserted] = await rows<{ status: string }>(
        `INSERT INTO ${SCHEMA}.payments (order_id, status, currency, authorized_amount, authorization_id, decline_reason)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING RETURNING status`,
        [
          orderId,
          declined ? 'DECLINED' : 'AUTHORIZED',
          amount.currency,
          amount.amount,
          outcome.authorizationId ?? null,
          outcome.declineReason ?? null,
        ],
      );
      if (inserted) return inserted.status;
      const [earlier] = await rows<{ status: string }>(
        `SELECT status FROM ${SCHEMA}.payments WHERE order_id = ?`,
        [orderId],
      );
      return earlier!.status;
    },
    { name: 'authorizePayment' },
  );

  // CreateShipment (shipping.create-shipment): at the shipping price the customer paid.
  const createShipment = db.registerTransaction(
    async (
      orderId: string,
      address: typeof ADDRESS,
      weightGrams: number,
      price: { amount: number; currency: string },
    ) => {
      const [zone] = await rows<{ zone: string }>(
        `SELECT zone FROM ${SCHEMA}.shipping_zones WHERE country = ?`,
        [address.country],
      );
      if (!zone) throw new SagaError('UndeliverableError', `country ${address.country}`);
      const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
      const tracking = `SEAM${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
      await tx().raw(
        `INSERT INTO ${SCHEMA}.shipments (order_id, status, tracking_number, carrier, zone, weight_grams,
                                          price_amount, currency, address)
         VALUES (?, 'CREATED', ?, 'SEAM-POST', ?, ?, ?, ?, ?::jsonb) ON CONFLICT (order_id) DO NOTHING`,
        [
          orderId,
          tracking,
          zone.zone,
          weightGrams,
          price.amount,
          price.currency,
          JSON.stringify(address),
        ],
      );
    },
    { name: 'createShipment' },
  );

  // CapturePayment (payments.capture): AUTHORIZED → CAPTURED, the authorised amount.
  const markCaptured = db.registerTransaction(
    async (orderId: string, captureId: string) => {
      const changed = await rows(
        `UPDATE ${SCHEMA}.payments SET status = 'CAPTURED', captured_amount = authorized_amount,
                capture_id = ?, updated_at = now()
          WHERE order_id = ? AND status = 'AUTHORIZED' RETURNING order_id`,
        [captureId, orderId],
      );
      if (changed.length === 0)
        throw new SagaError('PaymentStateError', `payment ${orderId} is not AUTHORIZED`);
    },
    { name: 'capturePayment' },
  );

  // ConfirmOrder (ordering.confirm): PENDING → CONFIRMED, the point of no return.
  const confirmOrder = db.registerTransaction(
    async (orderId: string) => {
      const changed = await rows(
        `UPDATE ${SCHEMA}.orders SET status = 'CONFIRMED', updated_at = clock_timestamp()
          WHERE id = ? AND status = 'PENDING' RETURNING id`,
        [orderId],
      );
      if (changed.length === 0)
        throw new SagaError('IllegalOrderTransitionError', `order ${orderId} is not PENDING`);
    },
    { name: 'confirmOrder' },
  );

  /** HELD → `to` and the stock adjusted by `assignment` (of `?` = the quantity), once; in SKU order. */
  const settleReservation = async (orderId: string, to: string, assignment: string) => {
    const changed = await rows(
      `UPDATE ${SCHEMA}.reservations SET status = ?, updated_at = now()
        WHERE order_id = ? AND status = 'HELD' RETURNING order_id`,
      [to, orderId],
    );
    if (changed.length === 0) return false;
    const lines = await rows<{ sku: string; warehouse: string; quantity: number }>(
      `SELECT sku, warehouse, quantity FROM ${SCHEMA}.reservation_lines WHERE order_id = ?
        ORDER BY sku, warehouse`,
      [orderId],
    );
    for (const line of lines) {
      await tx().raw(
        `UPDATE ${SCHEMA}.stock SET ${assignment}, updated_at = now() WHERE sku = ? AND warehouse = ?`,
        [
          ...assignment
            .split('?')
            .slice(1)
            .map(() => line.quantity),
          line.sku,
          line.warehouse,
        ],
      );
    }
    return true;
  };

  // CommitStock (inventory.commit): the held stock becomes shipped stock.
  const commitStock = db.registerTransaction(
    async (orderId: string) => {
      if (
        await settleReservation(
          orderId,
          'COMMITTED',
          'on_hand = on_hand - ?, reserved = reserved - ?',
        )
      )
        return;
      const [reservation] = await rows<{ status: string }>(
        `SELECT status FROM ${SCHEMA}.reservations WHERE order_id = ?`,
        [orderId],
      );
      if (reservation?.status !== 'COMMITTED')
        throw new SagaError('ReservationReleasedError', `reservation ${orderId} not held`);
    },
    { name: 'commitStock' },
  );

  // Compensations, each a no-op when there is nothing to undo.
  const rejectOrder = db.registerTransaction(
    async (orderId: string, reason: string) => {
      await tx().raw(
        `UPDATE ${SCHEMA}.orders SET status = 'REJECTED', reject_reason = ?, updated_at = clock_timestamp()
          WHERE id = ? AND status = 'PENDING'`,
        [reason, orderId],
      );
      const [order] = await rows<{ status: string }>(
        `SELECT status FROM ${SCHEMA}.orders WHERE id = ?`,
        [orderId],
      );
      return order?.status;
    },
    { name: 'rejectOrder' },
  );
  const cancelShipment = db.registerTransaction(
    async (orderId: string) => {
      await tx().raw(
        `UPDATE ${SCHEMA}.shipments SET status = 'CANCELLED', updated_at = now()
          WHERE order_id = ? AND status = 'CREATED'`,
        [orderId],
      );
    },
    { name: 'cancelShipment' },
  );
  const paymentStatus = db.registerTransaction(
    async (orderId: string) => {
      const [payment] = await rows<{ status: string }>(
        `SELECT status FROM ${SCHEMA}.payments WHERE order_id = ?`,
        [orderId],
      );
      return payment?.status;
    },
    { name: 'paymentStatus' },
  );
  const markVoided = db.registerTransaction(
    async (orderId: string) => {
      await tx().raw(
        `UPDATE ${SCHEMA}.payments SET status = 'VOIDED', updated_at = now()
          WHERE order_id = ? AND status = 'AUTHORIZED'`,
        [orderId],
      );
    },
    { name: 'voidPayment' },
  );
  const markRefunded = db.registerTransaction(
    async (orderId: string) => {
      await tx().raw(
        `UPDATE ${SCHEMA}.payments SET status = 'REFUNDED', refunded_amount = captured_amount,
                updated_at = now() WHERE order_id = ? AND status = 'CAPTURED'`,
        [orderId],
      );
    },
    { name: 'refundPayment' },
  );
  const releaseStock = db.registerTransaction(
    async (orderId: string) => {
      await settleReservation(orderId, 'RELEASED', 'reserved = reserved - ?');
    },
    { name: 'releaseStock' },
  );

  return DBOS.registerWorkflow(
    async (input: FulfilmentInput): Promise<'CONFIRMED' | 'REJECTED'> => {
      const { orderId } = input;
      try {
        await reserveStock(orderId, input.lines);
        const authorization = await gatewayAuthorize(input.cardToken);
        if ((await recordAuthorization(orderId, input.total, authorization)) === 'DECLINED')
          throw new SagaError('PaymentDeclinedError', `payment ${orderId} declined`);
        await createShipment(
          orderId,
          input.shippingAddress,
          input.weightGrams,
          input.shippingTotal,
        );
        await markCaptured(orderId, await gatewayCapture());
        await confirmOrder(orderId);
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        const status = await rejectOrder(orderId, REASONS[name] ?? UNAVAILABLE);
        if (status === 'CONFIRMED') {
          // Confirmed after all (its confirmation's answer was lost): complete it.
          await commitStock(orderId);
          return 'CONFIRMED';
        }
        await cancelShipment(orderId);
        const payment = await paymentStatus(orderId);
        if (payment === 'AUTHORIZED') {
          await gatewayVoid();
          await markVoided(orderId);
        } else if (payment === 'CAPTURED') {
          await gatewayRefund();
          await markRefunded(orderId);
        }
        await releaseStock(orderId);
        return 'REJECTED';
      }
      await commitStock(orderId);
      return 'CONFIRMED';
    },
    { name: 'orderFulfilment' },
  );
}
