import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { type OrderDto, OrderIdRequest, Ordering } from '../../contract/index.js';
import { ConfirmOrderHandler } from './confirm-order.handler.js';

@Controller()
export class ConfirmOrderMessageController {
  constructor(private readonly confirmOrder: ConfirmOrderHandler) {}

  @Handles(Ordering, 'ordering.confirm')
  confirm(@Payload() request: OrderIdRequest): Promise<OrderDto> {
    return this.confirmOrder.execute(request);
  }
}
