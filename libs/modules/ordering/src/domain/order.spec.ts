import { describe, expect, it } from '@jest/globals';
import { Money } from '#platform/domain';
import { Order } from './order.js';
import { IllegalOrderTransitionError } from './ordering.errors.js';

const placed = Order.place(
  {
    id: '7f0c2a4e-1b1d-4c55-9f43-4c1a3f0b2d11',
    customerId: 'c1',
    lines: [
      { sku: 'MUG', name: 'Mug', quantity: 2, unitPrice: Money.of(1500, 'EUR'), weightGrams: 400 },
    ],
    shippingTotal: Money.of(490, 'EUR'),
    shippingAddress: {
      name: 'Ada',
      line1: 'Main St 1',
      city: 'Berlin',
      postalCode: '10115',
      country: 'DE',
    },
    shippingSpeed: 'standard',
    paymentToken: 'tok_approve',
  },
  new Date('2026-12-01T10:00:00.000Z'),
);

describe('Order', () => {
  it('totals its lines and the shipping charge in minor units', () => {
    expect(placed.itemsTotal).toEqual(Money.of(3000, 'EUR'));
    expect(placed.total).toEqual(Money.of(3490, 'EUR'));
    expect(placed.totalWeightGrams).toBe(800);
  });

  it('moves a pending order on, leaving the original as it was', () => {
    const at = new Date('2026-12-01T10:05:00.000Z');
    const rejected = placed.changeTo('REJECTED', 'Your payment was declined.', at);
    expect(rejected.props).toMatchObject({
      status: 'REJECTED',
      rejectReason: 'Your payment was declined.',
      updatedAt: at,
    });
    expect(placed.props.status).toBe('PENDING');
    expect(placed.changeTo('CONFIRMED', 'ignored', at).props.rejectReason).toBeNull();
  });

  it('refuses to move an order that is no longer pending', () => {
    const confirmed = placed.changeTo('CONFIRMED');
    expect(() => confirmed.changeTo('CANCELLED')).toThrow(IllegalOrderTransitionError);
  });
});
