import { describe, expect, it } from '@jest/globals';
import type { EndedOrder, OrderStore } from '../../domain/order-store.js';
import { InvalidTimeWindowError } from '../../domain/ordering.errors.js';
import type { TimeWindow } from '../../domain/time-window.js';
import { ListEndedOrdersHandler } from './list-ended-orders.handler.js';

/** A store holding `ended` (oldest first) that notes what it was asked. */
function storeOf(ended: EndedOrder[]) {
  const asked: { window: TimeWindow; limit: number }[] = [];
  const store = {
    listEnded: (window: TimeWindow, limit: number) => {
      asked.push({ window, limit });
      return Promise.resolve(ended.slice(0, limit));
    },
  } as unknown as OrderStore;
  return { store, asked };
}

const ended = (count: number): EndedOrder[] =>
  Array.from({ length: count }, (_, index) => ({
    orderId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    status: index % 2 ? 'CANCELLED' : 'REJECTED',
  }));

const DAY = { since: '2026-05-01T00:00:00Z', until: '2026-05-02T00:00:00Z' };

describe('ListEndedOrdersHandler', () => {
  it('lists the ended orders of the window, oldest first, and says nothing was left out', async () => {
    const { store, asked } = storeOf(ended(2));
    const result = await new ListEndedOrdersHandler(store).execute({ ...DAY, limit: 5 });
    expect(result).toEqual({ orders: ended(2), truncated: false });
    expect(asked).toEqual([
      {
        window: {
          since: new Date('2026-05-01T00:00:00Z'),
          until: new Date('2026-05-02T00:00:00Z'),
        },
        limit: 6,
      },
    ]);
  });

  it('returns at most limit orders and says when more ended in the window', async () => {
    const { store } = storeOf(ended(4));
    expect(await new ListEndedOrdersHandler(store).execute({ ...DAY, limit: 3 })).toEqual({
      orders: ended(3),
      truncated: true,
    });
    const exact = storeOf(ended(3));
    expect(
      (await new ListEndedOrdersHandler(exact.store).execute({ ...DAY, limit: 3 })).truncated,
    ).toBe(false);
  });

  it('refuses an empty window before asking the store', async () => {
    const { store, asked } = storeOf(ended(1));
    await expect(
      new ListEndedOrdersHandler(store).execute({
        since: DAY.until,
        until: DAY.since,
        limit: 10,
      }),
    ).rejects.toThrow(InvalidTimeWindowError);
    expect(asked).toEqual([]);
  });
});
