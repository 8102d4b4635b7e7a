import { describe, expect, it } from '@jest/globals';
import { Money } from '#platform/domain';
import type { OrderDto } from '../contract/index.js';
import type { OrderCounts } from '../order-counts.js';
import type { Order } from './order.js';
import { placedOrder } from './order.fixture.js';
import { changeOrderState } from './order-state-change.js';
import { OrderStore, type EndedOrder, type IdempotencyRecord } from './order-store.js';
import { IllegalOrderTransitionError, OrderNotFoundError } from './ordering.errors.js';

const ID = '3d2b6a10-0000-4000-8000-000000000001';
const MUG = {
  sku: 'MUG',
  name: 'Mug',
  quantity: 1,
  unitPrice: Money.of(1500, 'EUR'),
  weightGrams: 400,
};

function pending(): Order {
  return placedOrder({ id: ID, customerId: 'ada', lines: [MUG] });
}

/** Orders in memory, storing a change only while the order is PENDING, as the real store does. */
class InMemoryOrderStore extends OrderStore {
  readonly orders = new Map<string, Order>();
  transitions = 0;
  /** A change another writer makes between this writer's read and its write. */
  raceWith: Order | undefined;

  findIdempotent(): Promise<IdempotencyRecord | undefined> {
    return Promise.resolve(undefined);
  }

  place(order: Order, _idempotency: unknown, _response: OrderDto): Promise<{ stored: true }> {
    this.orders.set(order.props.id, order);
    return Promise.resolve({ stored: true });
  }

  find(orderId: string): Promise<Order | undefined> {
    return Promise.resolve(this.orders.get(orderId));
  }

  transition(changed: Order): Promise<Order> {
    this.transitions++;
    if (this.raceWith) this.orders.set(changed.props.id, this.raceWith);
    const stored = this.orders.get(changed.props.id)!;
    if (stored.props.status !== 'PENDING') return Promise.resolve(stored);
    this.orders.set(changed.props.id, changed);
    return Promise.resolve(changed);
  }

  listEnded(): Promise<EndedOrder[]> {
    return Promise.resolve([]); // not used by state changes
  }
}

/** The changes counted, in order. */
function counter(): { counts: OrderCounts; counted: string[] } {
  const counted: string[] = [];
  const counts = { changedTo: (state: string) => counted.push(state) } as unknown as OrderCounts;
  return { counts, counted };
}

function storeWith(order: Order): InMemoryOrderStore {
  const store = new InMemoryOrderStore();
  store.orders.set(order.props.id, order);
  return store;
}

describe('changeOrderState', () => {
  it('moves a pending order on and stores the change', async () => {
    const store = storeWith(pending());
    const rejected = await changeOrderState(store, ID, 'REJECTED', { reason: 'Out of stock.' });
    expect(rejected.props).toMatchObject({ status: 'REJECTED', rejectReason: 'Out of stock.' });
    expect(store.orders.get(ID)!.props.status).toBe('REJECTED');
  });

  it('answers a repeat with the order as it is, storing nothing again', async () => {
    const store = storeWith(pending().changeTo('CONFIRMED'));
    const confirmed = await changeOrderState(store, ID, 'CONFIRMED');
    expect(confirmed.props.status).toBe('CONFIRMED');
    expect(store.transitions).toBe(0);
  });

  it('keeps the first reason when a rejection is repeated with another', async () => {
    const store = storeWith(pending().changeTo('REJECTED', 'first'));
    expect(
      (await changeOrderState(store, ID, 'REJECTED', { reason: 'second' })).props.rejectReason,
    ).toBe('first');
  });

  it('refuses to move an order that is already final in another state', async () => {
    const store = storeWith(pending().changeTo('CANCELLED'));
    await expect(changeOrderState(store, ID, 'CONFIRMED')).rejects.toThrow(
      IllegalOrderTransitionError,
    );
  });

  it('refuses when a concurrent change wins between reading and writing', async () => {
    const store = storeWith(pending());
    store.raceWith = pending().changeTo('CANCELLED');
    await expect(changeOrderState(store, ID, 'CONFIRMED')).rejects.toThrow(
      IllegalOrderTransitionError,
    );
    expect(store.orders.get(ID)!.props.status).toBe('CANCELLED');
  });

  it('succeeds when a concurrent writer made the same change', async () => {
    const store = storeWith(pending());
    store.raceWith = pending().changeTo('CONFIRMED');
    expect((await changeOrderState(store, ID, 'CONFIRMED')).props.status).toBe('CONFIRMED');
  });

  it('says when there is no such order', async () => {
    await expect(changeOrderState(new InMemoryOrderStore(), ID, 'CONFIRMED')).rejects.toThrow(
      OrderNotFoundError,
    );
  });

  it('counts a change once, when this call stored it', async () => {
    const store = storeWith(pending());
    const { counts, counted } = counter();
    await changeOrderState(store, ID, 'CONFIRMED', { counts });
    await changeOrderState(store, ID, 'CONFIRMED', { counts });
    expect(counted).toEqual(['CONFIRMED']);
  });

  it('counts nothing when a concurrent change wins', async () => {
    const store = storeWith(pending());
    store.raceWith = pending().changeTo('CANCELLED');
    const { counts, counted } = counter();
    await expect(changeOrderState(store, ID, 'REJECTED', { counts })).rejects.toThrow(
      IllegalOrderTransitionError,
    );
    expect(counted).toEqual([]);
  });
});
