import type { Money } from '#platform/domain';

export const CARRIER = 'SEAM-POST';

export interface Quote {
  readonly zone: string;
  readonly price: Money;
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
  readonly address: { country: string } & Record<string, unknown>;
  readonly weightGrams: number;
  readonly quote: Quote;
  readonly trackingNumber: string;
}

/** Port: the rate table. @throws UndeliverableError */
export abstract class RateTable {
  abstract quote(country: string, weightGrams: number, currency: string): Promise<Quote>;
}

/**
 * Port: shipments. `create` stores the shipment and its `ShipmentCreated` event together, once
 * per order; a repeat returns the stored shipment.
 */
export abstract class ShipmentStore {
  abstract create(shipment: NewShipment): Promise<Shipment>;
  /** CREATED → CANCELLED; @returns the shipment, or undefined if the order has none. */
  abstract cancel(orderId: string): Promise<Shipment | undefined>;
  abstract find(orderId: string): Promise<Shipment | undefined>;
}
