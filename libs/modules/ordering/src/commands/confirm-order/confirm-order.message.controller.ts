import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { type OrderDto, OrderIdRequest, Ordering } from '../../contract/index.js';
import { ConfirmOrderCommand } from './confirm-order.command.js';

@Controller()
export class ConfirmOrderMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Ordering, 'ordering.confirm')
  confirm(@Payload() request: OrderIdRequest): Promise<OrderDto> {
    return this.commands.execute(new ConfirmOrderCommand(request.orderId));
  }
}
