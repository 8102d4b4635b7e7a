import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { type ShipmentDto, ShipmentOrderRequest, Shipping } from '../../contract/index.js';
import { CancelShipmentHandler } from './cancel-shipment.handler.js';

@Controller()
export class CancelShipmentMessageController {
  constructor(private readonly cancelShipment: CancelShipmentHandler) {}

  @Handles(Shipping, 'shipping.cancel-shipment')
  cancel(@Payload() request: ShipmentOrderRequest): Promise<ShipmentDto> {
    return this.cancelShipment.execute(request);
  }
}
