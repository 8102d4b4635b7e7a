import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { CreateShipmentRequest, type ShipmentDto, Shipping } from '../../contract/index.js';
import { CreateShipmentCommand } from './create-shipment.command.js';

@Controller()
export class CreateShipmentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Shipping, 'shipping.create-shipment')
  create(@Payload() request: CreateShipmentRequest): Promise<ShipmentDto> {
    return this.commands.execute(
      new CreateShipmentCommand(
        request.orderId,
        request.address,
        request.weightGrams,
        request.currency,
        request.speed,
        request.price,
        request.customerId,
      ),
    );
  }
}
