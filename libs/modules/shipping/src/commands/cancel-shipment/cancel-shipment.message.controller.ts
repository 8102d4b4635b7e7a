import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { type ShipmentDto, ShipmentOrderRequest, Shipping } from '../../contract/index.js';
import { CancelShipmentCommand } from './cancel-shipment.command.js';

@Controller()
export class CancelShipmentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Shipping, 'shipping.cancel-shipment')
  cancel(@Payload() request: ShipmentOrderRequest): Promise<ShipmentDto> {
    return this.commands.execute(new CancelShipmentCommand(request.orderId));
  }
}
