import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles, type PatternHandlers } from '#platform/messaging';
import { CancelShipmentHandler } from './commands/cancel-shipment/cancel-shipment.handler.js';
import { CreateShipmentHandler } from './commands/create-shipment/create-shipment.handler.js';
import {
  CreateShipmentRequest,
  QuoteShippingRequest,
  type ShipmentDto,
  ShipmentOrderRequest,
  Shipping,
  type ShippingQuoteDto,
} from './contract/index.js';
import { QuoteShippingHandler } from './queries/quote-shipping/quote-shipping.handler.js';

/** The shipping contract's request/reply patterns, each answered by its use case. */
@Controller()
export class ShippingMessages implements PatternHandlers<typeof Shipping> {
  constructor(
    private readonly quoteShipping: QuoteShippingHandler,
    private readonly createShipmentHandler: CreateShipmentHandler,
    private readonly cancelShipmentHandler: CancelShipmentHandler,
  ) {}

  @Handles(Shipping, 'shipping.quote')
  quote(@Payload() request: QuoteShippingRequest): Promise<ShippingQuoteDto> {
    return this.quoteShipping.execute(request);
  }

  @Handles(Shipping, 'shipping.create-shipment')
  createShipment(@Payload() request: CreateShipmentRequest): Promise<ShipmentDto> {
    return this.createShipmentHandler.execute(request);
  }

  @Handles(Shipping, 'shipping.cancel-shipment')
  cancelShipment(@Payload() request: ShipmentOrderRequest): Promise<ShipmentDto> {
    return this.cancelShipmentHandler.execute(request);
  }
}
