import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles, type PatternHandlers } from '#platform/messaging';
import { ConfirmOrderHandler } from './commands/confirm-order/confirm-order.handler.js';
import { RejectOrderHandler } from './commands/reject-order/reject-order.handler.js';
import {
  type EndedOrdersDto,
  ListEndedOrdersRequest,
  type OrderDetailsDto,
  type OrderDto,
  OrderIdRequest,
  Ordering,
  RejectOrderRequest,
} from './contract/index.js';
import { GetOrderDetailsHandler } from './queries/get-order/get-order.handler.js';
import { ListEndedOrdersHandler } from './queries/list-ended-orders/list-ended-orders.handler.js';

/** The ordering contract's request/reply patterns, each answered by its use case. */
@Controller()
export class OrderingMessages implements PatternHandlers<typeof Ordering> {
  constructor(
    private readonly getOrderDetails: GetOrderDetailsHandler,
    private readonly confirmOrder: ConfirmOrderHandler,
    private readonly rejectOrder: RejectOrderHandler,
    private readonly endedOrders: ListEndedOrdersHandler,
  ) {}

  @Handles(Ordering, 'ordering.get-order')
  getOrder(@Payload() request: OrderIdRequest): Promise<OrderDetailsDto> {
    return this.getOrderDetails.execute(request);
  }

  @Handles(Ordering, 'ordering.confirm')
  confirm(@Payload() request: OrderIdRequest): Promise<OrderDto> {
    return this.confirmOrder.execute(request);
  }

  @Handles(Ordering, 'ordering.reject')
  reject(@Payload() request: RejectOrderRequest): Promise<OrderDto> {
    return this.rejectOrder.execute(request);
  }

  @Handles(Ordering, 'ordering.list-ended-orders')
  listEndedOrders(@Payload() request: ListEndedOrdersRequest): Promise<EndedOrdersDto> {
    return this.endedOrders.execute(request);
  }
}
