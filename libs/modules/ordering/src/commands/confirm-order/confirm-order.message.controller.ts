import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrderIdRequest, type OrderDto } from '../../contract/index.js';
import { ConfirmOrderCommand } from './confirm-order.command.js';

@Controller()
export class ConfirmOrderMessageController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern('ordering.confirm')
  confirm(@Payload() request: OrderIdRequest): Promise<OrderDto> {
    return this.commands.execute(new ConfirmOrderCommand(request.orderId));
  }
}
