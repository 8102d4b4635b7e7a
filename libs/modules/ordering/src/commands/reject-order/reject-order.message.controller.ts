import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { type OrderDto, Ordering, RejectOrderRequest } from '../../contract/index.js';
import { RejectOrderHandler } from './reject-order.handler.js';

@Controller()
export class RejectOrderMessageController {
  constructor(private readonly rejectOrder: RejectOrderHandler) {}

  @Handles(Ordering, 'ordering.reject')
  reject(@Payload() request: RejectOrderRequest): Promise<OrderDto> {
    return this.rejectOrder.execute(request);
  }
}
