import { describe, expect, it } from '@jest/globals';
import { Money } from '#platform/domain';
import { Metrics } from '#platform/observability';
import type { Order } from './domain/order.js';
import { placedOrder } from './domain/order.fixture.js';
import { changeOrderState } from './domain/order-state-change.js';
import type { OrderStore } from './domain/order-store.js';
import { IllegalOrderTransitionError } from './domain/ordering.errors.js';
import { OrderCounts } from './order-counts.js';

/** One order kept in memory: what changeOrderState reads and writes. */
function storeOf(order: Order): OrderStore {
  let current = order;
  return {
    find: async (id: string) => (id === current.props.id ? current : undefined),
    transition: async (changed: Order) => {
      if (current.props.status === 'PENDING') current = changed;
      return current;
    },
  } as unknown as OrderStore;
}

const pending = () =>
  placedOrder({
    id: '0b3c1c2e-5d8a-4f8e-9a51-1f2e3d4c5b6a',
    lines: [
      { sku: 'MUG', name: 'Mug', quantity: 1, unitPrice: Money.of(1500, 'EUR'), weightGrams: 400 },
    ],
  });

describe('OrderCounts', () => {
  it('counts a state change once: a repeated confirmation or a refused move counts nothing', async () => {
    const metrics = new Metrics();
    const counts = new OrderCounts(metrics);
    const order = pending();
    const orders = storeOf(order);

    counts.placed();
    await changeOrderState(orders, order.props.id, 'CONFIRMED', { counts });
    await changeOrderState(orders, order.props.id, 'CONFIRMED', { counts }); // a redelivered task
    await expect(
      changeOrderState(orders, order.props.id, 'REJECTED', { reason: 'late', counts }),
    ).rejects.toBeInstanceOf(IllegalOrderTransitionError);

    const text = await metrics.render();
    expect(text).toContain('seam_orders_total{event="placed"} 1');
    expect(text).toContain('seam_orders_total{event="confirmed"} 1');
    expect(text).not.toContain('seam_orders_total{event="rejected"}');
  });

  it('names rejections and cancellations by event', async () => {
    const metrics = new Metrics();
    const counts = new OrderCounts(metrics);
    for (const to of ['REJECTED', 'CANCELLED'] as const) {
      const order = pending();
      await changeOrderState(storeOf(order), order.props.id, to, { counts });
    }
    const text = await metrics.render();
    expect(text).toContain('seam_orders_total{event="rejected"} 1');
    expect(text).toContain('seam_orders_total{event="cancelled"} 1');
  });
});
