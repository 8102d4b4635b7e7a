import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { CreateShipmentRequest, type ShipmentDto, Shipping } from '../../contract/index.js';
import { CreateShipmentHandler } from './create-shipment.handler.js';

@Controller()
export class CreateShipmentMessageController {
  constructor(private readonly createShipment: CreateShipmentHandler) {}

  @Handles(Shipping, 'shipping.create-shipment')
  create(@Payload() request: CreateShipmentRequest): Promise<ShipmentDto> {
    return this.createShipment.execute(request);
  }
}
