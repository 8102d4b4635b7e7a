import type { NewShipment, Shipment } from './shipment.js';

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
