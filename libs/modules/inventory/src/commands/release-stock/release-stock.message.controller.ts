import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrderReservationRequest, type ReservationDto } from '../../contract/index.js';
import { ReleaseStockCommand } from './release-stock.command.js';

@Controller()
export class ReleaseStockMessageController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern('inventory.release')
  release(@Payload() request: OrderReservationRequest): Promise<ReservationDto> {
    return this.commands.execute(new ReleaseStockCommand(request.orderId));
  }
}
