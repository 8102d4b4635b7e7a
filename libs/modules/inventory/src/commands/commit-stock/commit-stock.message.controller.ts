import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { Inventory, OrderReservationRequest, type ReservationDto } from '../../contract/index.js';
import { CommitStockCommand } from './commit-stock.command.js';

@Controller()
export class CommitStockMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Inventory, 'inventory.commit')
  commit(@Payload() request: OrderReservationRequest): Promise<ReservationDto> {
    return this.commands.execute(new CommitStockCommand(request.orderId));
  }
}
