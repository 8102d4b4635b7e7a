import { expect } from '@jest/globals';
import type { httpClient } from './http-client.js';
import type { OrderAudit } from './saga-audit.js';
import { placeOrder } from './shop.js';
import { freshSku } from './test-application.js';

type HttpClient = ReturnType<typeof httpClient>;

/** What a customer wrote when the saga rejected the order (ordering.reject's reason). */
export const REJECT_REASON = {
  declined: 'Your payment was declined. You have not been charged.',
  outOfStock: 'Some items in your order are out of stock. You have not been charged.',
  unavailable:
    'We could not complete your order right now. You have not been charged; please try again later.',
};

export type OrderKind =
  'approve' | 'flaky' | 'decline' | 'insufficient' | 'timeout' | 'noStock' | 'scarce';

/** 200 orders: good cards, flaky and dead gateways, declined cards, missing and scarce stock. */
const MIX: [OrderKind, number][] = [
  ['approve', 70],
  ['flaky', 30],
  ['decline', 30],
  ['insufficient', 20],
  ['timeout', 10],
  ['noStock', 30],
  ['scarce', 10],
];
const SCARCE_UNITS = 5;

const TOKEN: Record<OrderKind, string> = {
  approve: 'tok_approve',
  flaky: 'tok_flaky',
  decline: 'tok_decline',
  insufficient: 'tok_insufficient_funds',
  timeout: 'tok_timeout',
  noStock: 'tok_approve',
  scarce: 'tok_approve',
};

/** A product with `onHand` units in warehouse BER-1. */
export async function stockedProduct(
  admin: HttpClient,
  onHand: number,
  prefix = 'SAGA',
): Promise<string> {
  const sku = freshSku(prefix);
  const created = await admin('POST', '/catalog/products', {
    sku,
    name: 'Teapot',
    price: { amount: 1500, currency: 'EUR' },
    weightGrams: 400,
  });
  expect(created.status).toBe(201);
  expect((await admin('PUT', `/inventory/stock/${sku}/BER-1`, { onHand })).status).toBe(200);
  return sku;
}

export interface PlacedMix {
  /** Order id → what kind of order it is. */
  readonly orders: Map<string, OrderKind>;
  readonly skus: { plenty: string; scarce: string; empty: string };
}

/** Places the 200 mixed orders, `batch` at a time, interleaving the kinds. */
export async function placeMixedOrders(
  admin: HttpClient,
  customer: HttpClient,
  batch = 25,
): Promise<PlacedMix> {
  const skus = {
    plenty: await stockedProduct(admin, 1000, 'MIX'),
    scarce: await stockedProduct(admin, SCARCE_UNITS, 'SCARCE'),
    empty: await stockedProduct(admin, 0, 'EMPTY'),
  };
  const queue = MIX.map(([kind, count]) => Array.from({ length: count }, () => kind));
  const kinds: OrderKind[] = [];
  while (queue.some((list) => list.length > 0))
    for (const list of queue) if (list.length > 0) kinds.push(list.pop()!);

  const orders = new Map<string, OrderKind>();
  for (let i = 0; i < kinds.length; i += batch) {
    const slice = kinds.slice(i, i + batch);
    const placed = await Promise.all(
      slice.map((kind) =>
        placeOrder(
          customer,
          kind === 'noStock'
            ? [
                { sku: skus.plenty, quantity: 1 },
                { sku: skus.empty, quantity: 1 },
              ]
            : [{ sku: kind === 'scarce' ? skus.scarce : skus.plenty, quantity: 1 }],
          { paymentToken: TOKEN[kind] },
        ),
      ),
    );
    placed.forEach((response, index) => {
      expect(response.status).toBe(201);
      orders.set(response.body.id, slice[index]!);
    });
  }
  return { orders, skus };
}

/** Checks each order of the mix ended as its kind must. */
export function expectMixOutcomes(mix: PlacedMix, audits: readonly OrderAudit[]): void {
  expect(audits).toHaveLength(mix.orders.size);
  const of = (kind: OrderKind) => audits.filter((row) => mix.orders.get(row.orderId) === kind);
  const statuses = (kind: OrderKind) => new Set(of(kind).map((row) => row.status));
  const reasons = (kind: OrderKind) => new Set(of(kind).map((row) => row.rejectReason));

  expect(statuses('approve')).toEqual(new Set(['CONFIRMED']));
  expect(statuses('flaky')).toEqual(new Set(['CONFIRMED']));
  for (const kind of ['decline', 'insufficient', 'timeout', 'noStock'] as const)
    expect(statuses(kind)).toEqual(new Set(['REJECTED']));
  expect(reasons('decline')).toEqual(new Set([REJECT_REASON.declined]));
  expect(reasons('insufficient')).toEqual(new Set([REJECT_REASON.declined]));
  expect(reasons('timeout')).toEqual(new Set([REJECT_REASON.unavailable]));
  expect(reasons('noStock')).toEqual(new Set([REJECT_REASON.outOfStock]));
  // All or nothing: an order with one missing line reserved nothing and charged nothing.
  for (const row of of('noStock')) expect(row).toMatchObject({ reservation: null, payment: null });
  // Five units for ten orders: exactly five win; the others are out of stock.
  const scarce = of('scarce');
  expect(scarce.filter((row) => row.status === 'CONFIRMED')).toHaveLength(SCARCE_UNITS);
  for (const row of scarce.filter((audit) => audit.status !== 'CONFIRMED'))
    expect(row).toMatchObject({ status: 'REJECTED', rejectReason: REJECT_REASON.outOfStock });
}
