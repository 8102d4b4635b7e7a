import { describe, expect, it } from '@jest/globals';
import { InvalidMoneyError, Money } from '#platform/domain';
import { Order, type OrderLine, type OrderState } from './order.js';
import { placedOrder } from './order.fixture.js';
import { IllegalOrderTransitionError } from './ordering.errors.js';

const placed = placedOrder();

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

  it('keeps the reject reason only for a rejection, and no reason when none is given', () => {
    expect(placed.changeTo('CANCELLED', 'changed my mind').props.rejectReason).toBeNull();
    expect(placed.changeTo('REJECTED').props.rejectReason).toBeNull();
  });

  it('allows only PENDING to move, and only to a final state', () => {
    const states: OrderState[] = ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'];
    for (const from of states) {
      for (const to of states) {
        const legal = from === 'PENDING' && to !== 'PENDING';
        const check = (): void => Order.assertTransition(placed.props.id, from, to);
        if (legal) expect(check).not.toThrow();
        else expect(check).toThrow(IllegalOrderTransitionError);
      }
    }
  });

  it('totals lines of many units and many lines exactly', () => {
    const lines: OrderLine[] = Array.from({ length: 100 }, (_, i) => ({
      sku: `SKU-${i}`,
      name: `Item ${i}`,
      quantity: 10_000,
      unitPrice: Money.of(1999, 'EUR'),
      weightGrams: 3,
    }));
    const big = Order.place({ ...placed.props, lines });
    expect(big.itemsTotal).toEqual(Money.of(1_999_000_000, 'EUR'));
    expect(big.total).toEqual(Money.of(1_999_000_490, 'EUR'));
    expect(big.totalWeightGrams).toBe(3_000_000);
  });

  it('costs only shipping without lines, and nothing when shipping is free too', () => {
    const empty = Order.place({ ...placed.props, lines: [], shippingTotal: Money.of(0, 'EUR') });
    expect(empty.total).toEqual(Money.of(0, 'EUR'));
    expect(empty.totalWeightGrams).toBe(0);
  });

  it('refuses to place an order whose lines are priced in another currency than shipping', () => {
    const mixed = {
      ...placed.props,
      lines: [{ ...placed.props.lines[0]!, unitPrice: Money.of(1500, 'USD') }],
    };
    expect(() => Order.place(mixed)).toThrow(InvalidMoneyError);
  });

  it('refuses to place an order whose total is beyond what minor units hold exactly', () => {
    const huge = {
      ...placed.props,
      lines: [{ ...placed.props.lines[0]!, quantity: 2, unitPrice: Money.of(2 ** 52, 'EUR') }],
    };
    expect(() => Order.place(huge)).toThrow(InvalidMoneyError);
  });
});
