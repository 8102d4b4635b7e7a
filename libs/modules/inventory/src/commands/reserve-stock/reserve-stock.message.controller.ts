import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { Inventory, type ReservationDto, ReserveStockRequest } from '../../contract/index.js';
import { ReserveStockCommand } from './reserve-stock.command.js';

@Controller()
export class ReserveStockMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Inventory, 'inventory.reserve')
  reserve(@Payload() request: ReserveStockRequest): Promise<ReservationDto> {
    return this.commands.execute(
      new ReserveStockCommand(request.orderId, request.lines, request.holdSeconds),
    );
  }
}
