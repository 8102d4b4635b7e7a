import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrderReservationRequest, type ReservationDto } from '../../contract/index.js';
import { CommitStockCommand } from './commit-stock.command.js';

@Controller()
export class CommitStockMessageController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern('inventory.commit')
  commit(@Payload() request: OrderReservationRequest): Promise<ReservationDto> {
    return this.commands.execute(new CommitStockCommand(request.orderId));
  }
}
