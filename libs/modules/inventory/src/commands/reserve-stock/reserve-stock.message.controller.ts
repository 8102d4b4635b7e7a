import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReserveStockRequest, type ReservationDto } from '../../contract/index.js';
import { ReserveStockCommand } from './reserve-stock.command.js';

@Controller()
export class ReserveStockMessageController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern('inventory.reserve')
  reserve(@Payload() request: ReserveStockRequest): Promise<ReservationDto> {
    return this.commands.execute(
      new ReserveStockCommand(request.orderId, request.lines, request.holdSeconds),
    );
  }
}
