import type { CustomerMessageKind } from '../contract/index.js';

export interface CustomerMessage {
  readonly customerId: string;
  readonly orderId: string;
  readonly kind: CustomerMessageKind;
  readonly subject: string;
  readonly body: string;
}

function formatMoney({ amount, currency }: { amount: number; currency: string }): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(
    amount / 10 ** fractionDigits(currency),
  );
}

function fractionDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** The customer-facing texts. */
export const CustomerMessages = {
  orderConfirmed(
    customerId: string,
    orderId: string,
    total: { amount: number; currency: string },
  ): CustomerMessage {
    return {
      customerId,
      orderId,
      kind: 'ORDER_CONFIRMED',
      subject: 'Your order is confirmed',
      body: `Thank you! Order ${orderId} is confirmed and ${formatMoney(total)} has been charged.`,
    };
  },

  orderRejected(customerId: string, orderId: string, reason: string): CustomerMessage {
    return {
      customerId,
      orderId,
      kind: 'ORDER_REJECTED',
      subject: 'We could not complete your order',
      body: `Sorry, order ${orderId} could not be completed: ${reason}. You have not been charged.`,
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
