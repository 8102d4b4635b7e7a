import type { ShipmentDto } from './contract/index.js';
import type { Shipment } from './domain/shipment.js';

export function toShipmentDto(orderId: string, shipment: Shipment | undefined): ShipmentDto {
  if (!shipment)
    return { orderId, status: 'NONE', trackingNumber: null, carrier: null, price: null };
  return {
    orderId,
    status: shipment.status,
    trackingNumber: shipment.trackingNumber,
    carrier: shipment.carrier,
    price: shipment.price.toJSON(),
  };
}
