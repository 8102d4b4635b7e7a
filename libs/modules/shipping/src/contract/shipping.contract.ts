import { command, defineContract, query } from '#platform/messaging';
import { ShipmentCreated } from './shipment-created.event.js';
import {
  CreateShipmentRequest,
  QuoteShippingRequest,
  ShipmentDto,
  ShipmentOrderRequest,
  ShippingQuoteDto,
} from './shipping.dto.js';

/**
 * The shipping module's public surface.
 *
 * - `shipping.quote`: price by destination zone and weight. Fails with `UndeliverableError`
 *   (details.reason: COUNTRY_NOT_SERVED, TOO_HEAVY or CURRENCY_NOT_SUPPORTED).
 * - `shipping.create-shipment`: books the parcel and returns its tracking number; idempotent per
 *   orderId; publishes `ShipmentCreated` once.
 * - `shipping.cancel-shipment`: idempotent; a no-op when there is no shipment.
 */
export const Shipping = defineContract({
  module: 'shipping',
  patterns: {
    'shipping.quote': query(QuoteShippingRequest, ShippingQuoteDto),
    'shipping.create-shipment': command(CreateShipmentRequest, ShipmentDto),
    'shipping.cancel-shipment': command(ShipmentOrderRequest, ShipmentDto),
  },
  events: [ShipmentCreated],
});
