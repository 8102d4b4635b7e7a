import { describe, expect, it } from '@jest/globals';
import { Money } from '#platform/domain';
import { OrderCancelled, OrderConfirmed, OrderPlaced, OrderRejected } from '../contract/index.js';
import { Order } from './order.js';

const placedAt = new Date('2026-12-01T10:00:00.000Z');
const placed = Order.place(
  {
    id: '7f0c2a4e-1b1d-4c55-9f43-4c1a3f0b2d11',
    customerId: 'c1',
    lines: [
      { sku: 'MUG', name: 'Mug', quantity: 2, unitPrice: Money.of(1500, 'EUR'), weightGrams: 400 },
      { sku: 'TEA', name: 'Tea', quantity: 1, unitPrice: Money.of(799, 'EUR'), weightGrams: 100 },
    ],
    shippingTotal: Money.of(490, 'EUR'),
    shippingAddress: {
      name: 'Ada',
      line1: 'Main St 1',
      city: 'Berlin',
      postalCode: '10115',
      country: 'DE',
    },
    shippingSpeed: 'express',
    paymentToken: 'tok_approve',
  },
  placedAt,
);

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
        placedAt: placedAt.toISOString(),
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
