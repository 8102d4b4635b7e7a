export { AddressDto } from './address.dto.js';
export { ShipmentCreated } from './shipment-created.event.js';
export { Shipping } from './shipping.contract.js';
export {
  CreateShipmentRequest,
  QuoteShippingRequest,
  ShipmentDto,
  ShipmentOrderRequest,
  SHIPPING_SPEEDS,
  ShippingQuoteDto,
  type ShippingSpeed,
} from './shipping.dto.js';
