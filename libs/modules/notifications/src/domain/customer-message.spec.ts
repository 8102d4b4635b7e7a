import { describe, expect, it } from '@jest/globals';
import { CustomerMessages } from './customer-message.js';

const ORDER = '5a1e0c3b-0000-4000-8000-000000000001';

function confirmedBody(amount: number, currency: string): string {
  return CustomerMessages.orderConfirmed('ada', ORDER, { amount, currency }).body;
}

describe('CustomerMessages', () => {
  it('confirms an order with what was charged', () => {
    expect(
      CustomerMessages.orderConfirmed('ada', ORDER, { amount: 3490, currency: 'EUR' }),
    ).toEqual({
      customerId: 'ada',
      orderId: ORDER,
      kind: 'ORDER_CONFIRMED',
      subject: 'Your order is confirmed',
      body: `Thank you! Order ${ORDER} is confirmed and €34.90 has been charged.`,
    });
  });

  it('prints minor units in the currency’s own number of decimals', () => {
    expect(confirmedBody(3490, 'USD')).toContain('US$34.90');
    expect(confirmedBody(3490, 'JPY')).toContain('JP¥3,490 has');
    expect(confirmedBody(3490, 'KWD')).toMatch(/KWD\s3\.490 has/);
  });

  it('prints small amounts with their leading zeros', () => {
    expect(confirmedBody(0, 'EUR')).toContain('€0.00 has');
    expect(confirmedBody(5, 'EUR')).toContain('€0.05 has');
    expect(confirmedBody(7, 'KWD')).toMatch(/KWD\s0\.007 has/);
  });

  it('prints large amounts exactly, to the last minor unit', () => {
    expect(confirmedBody(123_456_789, 'GBP')).toContain('£1,234,567.89 has');
    expect(confirmedBody(Number.MAX_SAFE_INTEGER, 'EUR')).toContain('€90,071,992,547,409.91 has');
  });

  it('tells why an order was rejected, and that nothing was charged', () => {
    expect(CustomerMessages.orderRejected('ada', ORDER, 'the card was declined')).toEqual({
      customerId: 'ada',
      orderId: ORDER,
      kind: 'ORDER_REJECTED',
      subject: 'We could not complete your order',
      body: `Sorry, order ${ORDER} could not be completed: the card was declined. You have not been charged.`,
    });
  });

  it('says once that nothing was charged when the saga’s reason says so already', () => {
    const reason = 'Your payment was declined. You have not been charged.';
    expect(CustomerMessages.orderRejected('ada', ORDER, reason).body).toBe(
      `Sorry, order ${ORDER} could not be completed: Your payment was declined. You have not been charged.`,
    );
    const later =
      'We could not complete your order right now. You have not been charged; please try again later.';
    expect(CustomerMessages.orderRejected('ada', ORDER, later).body).toBe(
      `Sorry, order ${ORDER} could not be completed: ${later}`,
    );
  });

  it('gives the carrier and tracking number of a shipped order', () => {
    const message = CustomerMessages.shipmentCreated('ada', ORDER, 'SEAM-POST', 'SP123456789DE');
    expect(message).toMatchObject({
      kind: 'SHIPMENT_CREATED',
      subject: 'Your parcel is on its way',
    });
    expect(message.body).toBe(
      `Order ${ORDER} has shipped with SEAM-POST. Tracking number: SP123456789DE.`,
    );
  });
});
