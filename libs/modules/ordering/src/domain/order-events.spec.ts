import { describe, expect, it } from '@jest/globals';
import { Money } from '#platform/domain';
import { OrderCancelled, OrderConfirmed, OrderPlaced, OrderRejected } from '../contract/index.js';
import { Order } from './order.js';
import { PLACED_AT, placedOrder } from './order.fixture.js';

const placed = placedOrder({
  customerId: 'c1',
  lines: [
    { sku: 'MUG', name: 'Mug', quantity: 2, unitPrice: Money.of(1500, 'EUR'), weightGrams: 400 },
    { sku: 'TEA', name: 'Tea', quantity: 1, unitPrice: Money.of(799, 'EUR'), weightGrams: 100 },
  ],
  shippingSpeed: 'express',
});

describe('the events an order records', () => {
  it('placing it records OrderPlaced with everything its views show', () => {
    expect(placed.events).toHaveLength(1);
    const [event] = placed.events;
    expect(event).toBeInstanceOf(OrderPlaced);
    expect(event).toEqual(
      OrderPlaced.of({
        orderId: placed.props.id,
        customerId: 'c1',
        lines: [
          {
            sku: 'MUG',
            name: 'Mug',
            quantity: 2,
            unitPrice: { amount: 1500, currency: 'EUR' },
            lineTotal: { amount: 3000, currency: 'EUR' },
            weightGrams: 400,
          },
          {
            sku: 'TEA',
            name: 'Tea',
            quantity: 1,
            unitPrice: { amount: 799, currency: 'EUR' },
            lineTotal: { amount: 799, currency: 'EUR' },
            weightGrams: 100,
          },
        ],
        itemsTotal: { amount: 3799, currency: 'EUR' },
        shippingTotal: { amount: 490, currency: 'EUR' },
        total: { amount: 4289, currency: 'EUR' },
        totalWeightGrams: 900,
        shippingAddress: placed.props.shippingAddress,
        shippingSpeed: 'express',
        placedAt: PLACED_AT.toISOString(),
      }),
    );
  });

  it('leaving PENDING records only the event of that change', () => {
    const at = new Date('2026-12-01T10:05:00.000Z');
    const confirmed = placed.changeTo('CONFIRMED', undefined, at);
    expect(confirmed.events).toEqual([
      OrderConfirmed.of({
        orderId: placed.props.id,
        customerId: 'c1',
        total: { amount: 4289, currency: 'EUR' },
        confirmedAt: at.toISOString(),
      }),
    ]);
    expect(placed.changeTo('REJECTED', 'card declined', at).events).toEqual([
      OrderRejected.of({
        orderId: placed.props.id,
        customerId: 'c1',
        reason: 'card declined',
        rejectedAt: at.toISOString(),
      }),
    ]);
    expect(placed.changeTo('CANCELLED', undefined, at).events).toEqual([
      OrderCancelled.of({
        orderId: placed.props.id,
        customerId: 'c1',
        cancelledAt: at.toISOString(),
      }),
    ]);
  });

  it('an order read back from storage has recorded nothing', () => {
    expect(Order.restore(placed.props).events).toEqual([]);
  });
});
