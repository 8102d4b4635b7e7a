import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { type OrderDto, Ordering, RejectOrderRequest } from '../../contract/index.js';
import { RejectOrderCommand } from './reject-order.command.js';

@Controller()
export class RejectOrderMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Ordering, 'ordering.reject')
  reject(@Payload() request: RejectOrderRequest): Promise<OrderDto> {
    return this.commands.execute(new RejectOrderCommand(request.orderId, request.reason));
  }
}
