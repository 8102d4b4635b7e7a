import type { MoneyDto } from '#contracts/shared';
import type { CustomerMessageKind } from '../contract/index.js';

export interface CustomerMessage {
  readonly customerId: string;
  readonly orderId: string;
  readonly kind: CustomerMessageKind;
  readonly subject: string;
  readonly body: string;
}

/**
 * Money as a customer reads it (`€34.90`). The amount goes to Intl as an exact decimal string:
 * dividing minor units in floating point misprints large amounts (9007199254740991 cents as
 * €90,071,992,547,409.90).
 */
function formatMoney({ amount, currency }: MoneyDto): string {
  const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const minor = String(Math.abs(amount)).padStart(digits + 1, '0');
  const major = digits === 0 ? minor : `${minor.slice(0, -digits)}.${minor.slice(-digits)}`;
  return format.format(`${amount < 0 ? '-' : ''}${major}` as `${number}`);
}

/** The customer-facing texts. */
export const CustomerMessages = {
  orderConfirmed(customerId: string, orderId: string, total: MoneyDto): CustomerMessage {
    return {
      customerId,
      orderId,
      kind: 'ORDER_CONFIRMED',
      subject: 'Your order is confirmed',
      body: `Thank you! Order ${orderId} is confirmed and ${formatMoney(total)} has been charged.`,
    };
  },

  /**
   * `reason` is the order's reject reason as the customer reads it; the saga's reasons are whole
   * sentences that already say nothing was charged, so that is said once, and a reason without a
   * full stop gets one.
   */
  orderRejected(customerId: string, orderId: string, reason: string): CustomerMessage {
    const said = reason.trim();
    const sentence = /[.!?]$/.test(said) ? said : `${said}.`;
    const charged = /not been charged/i.test(said) ? '' : ' You have not been charged.';
    return {
      customerId,
      orderId,
      kind: 'ORDER_REJECTED',
      subject: 'We could not complete your order',
      body: `Sorry, order ${orderId} could not be completed: ${sentence}${charged}`,
    };
  },

  shipmentCreated(
    customerId: string,
    orderId: string,
    carrier: string,
    trackingNumber: string,
  ): CustomerMessage {
    return {
      customerId,
      orderId,
      kind: 'SHIPMENT_CREATED',
      subject: 'Your parcel is on its way',
      body: `Order ${orderId} has shipped with ${carrier}. Tracking number: ${trackingNumber}.`,
    };
  },
};
