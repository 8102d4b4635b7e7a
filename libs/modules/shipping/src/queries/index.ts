import { GetShipmentHandler } from './get-shipment/get-shipment.handler.js';
import { GetShipmentHttpController } from './get-shipment/get-shipment.http.controller.js';
import { QuoteShippingHandler } from './quote-shipping/quote-shipping.handler.js';
import {
  QuoteShippingHttpController,
  QuoteShippingMessageController,
} from './quote-shipping/quote-shipping.controllers.js';

export const QueryHandlers = [QuoteShippingHandler, GetShipmentHandler];
export const QueryControllers = [
  QuoteShippingHttpController,
  QuoteShippingMessageController,
  GetShipmentHttpController,
];
