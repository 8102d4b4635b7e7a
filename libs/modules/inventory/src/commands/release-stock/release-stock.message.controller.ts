import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { Inventory, OrderReservationRequest, type ReservationDto } from '../../contract/index.js';
import { ReleaseStockCommand } from './release-stock.command.js';

@Controller()
export class ReleaseStockMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Inventory, 'inventory.release')
  release(@Payload() request: OrderReservationRequest): Promise<ReservationDto> {
    return this.commands.execute(new ReleaseStockCommand(request.orderId));
  }
}
