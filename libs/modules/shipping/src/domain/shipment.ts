import { Money } from '#platform/domain';
import type { ShippingSpeed } from '../contract/index.js';

/** Who carries a parcel, by the speed the customer chose. */
export const CARRIERS: Readonly<Record<ShippingSpeed, string>> = {
  standard: 'SEAM-POST',
  express: 'SEAM-EXPRESS',
};

export interface Quote {
  readonly zone: string;
  readonly speed: ShippingSpeed;
  readonly price: Money;
}

/** The express price: the standard one plus `surchargePercent`, rounded to the minor unit. */
export function expressQuote(standard: Quote, surchargePercent: number): Quote {
  const amount = Math.round((standard.price.amount * (100 + surchargePercent)) / 100);
  return { ...standard, speed: 'express', price: Money.of(amount, standard.price.currency) };
}

export interface Shipment {
  readonly orderId: string;
  readonly status: 'CREATED' | 'CANCELLED';
  readonly trackingNumber: string;
  readonly carrier: string;
  readonly price: Money;
  readonly createdAt: Date;
}

export interface NewShipment {
  readonly orderId: string;
  /** Whose order it is, when the caller said; carried by the ShipmentCreated event. */
  readonly customerId?: string;
  readonly address: { country: string } & Record<string, unknown>;
  readonly weightGrams: number;
  readonly quote: Quote;
  readonly trackingNumber: string;
}
