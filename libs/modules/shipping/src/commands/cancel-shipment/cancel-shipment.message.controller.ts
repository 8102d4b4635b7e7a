import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ShipmentOrderRequest, type ShipmentDto } from '../../contract/index.js';
import { CancelShipmentCommand } from './cancel-shipment.command.js';

@Controller()
export class CancelShipmentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern('shipping.cancel-shipment')
  cancel(@Payload() request: ShipmentOrderRequest): Promise<ShipmentDto> {
    return this.commands.execute(new CancelShipmentCommand(request.orderId));
  }
}
