import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RejectOrderRequest, type OrderDto } from '../../contract/index.js';
import { RejectOrderCommand } from './reject-order.command.js';

@Controller()
export class RejectOrderMessageController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern('ordering.reject')
  reject(@Payload() request: RejectOrderRequest): Promise<OrderDto> {
    return this.commands.execute(new RejectOrderCommand(request.orderId, request.reason));
  }
}
