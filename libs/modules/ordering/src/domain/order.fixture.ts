import { Money } from '#platform/domain';
import { Order, type OrderProps } from './order.js';

/** When the specs' orders are placed. */
export const PLACED_AT = new Date('2026-12-01T10:00:00.000Z');

/**
 * An order as the domain specs place it: one mug to Berlin, paid with the approving test card.
 * A spec passes only what it is about.
 *
 * @example
 * const order = placedOrder({ shippingSpeed: 'express' });
 */
export function placedOrder(
  changes: Partial<Omit<OrderProps, 'status' | 'rejectReason' | 'placedAt' | 'updatedAt'>> = {},
): Order {
  return Order.place(
    {
      id: '7f0c2a4e-1b1d-4c55-9f43-4c1a3f0b2d11',
      customerId: 'c1',
      lines: [
        {
          sku: 'MUG',
          name: 'Mug',
          quantity: 2,
          unitPrice: Money.of(1500, 'EUR'),
          weightGrams: 400,
        },
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
      ...changes,
    },
    PLACED_AT,
  );
}
