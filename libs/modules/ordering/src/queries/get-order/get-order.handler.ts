import { Injectable } from '@nestjs/common';
import type { OrderDetailsDto, OrderDto, OrderIdRequest } from '../../contract/index.js';
import { mayAccess, type Requester } from '../../domain/order-access.js';
import { OrderStore } from '../../domain/order-store.js';
import { OrderNotFoundError } from '../../domain/ordering.errors.js';
import { toOrderDto } from '../../order-dto.mapper.js';
import { OrderViewStore } from '../../domain/order-view-store.js';

/** The order as its customer sees it (the OrderView read model). */
@Injectable()
export class GetOrderHandler {
  constructor(private readonly views: OrderViewStore) {}

  async execute(orderId: string, requester: Requester): Promise<OrderDto> {
    const view = await this.views.find(orderId);
    // Another customer's order is as absent as one that does not exist: ids reveal nothing.
    if (!view || !mayAccess(requester, view.customerId)) throw new OrderNotFoundError(orderId);
    return view;
  }
}

/** The order from the write side, with its payment token: for other modules, not for HTTP. */
@Injectable()
export class GetOrderDetailsHandler {
  constructor(private readonly orders: OrderStore) {}

  async execute(request: OrderIdRequest): Promise<OrderDetailsDto> {
    const order = await this.orders.find(request.orderId);
    if (!order) throw new OrderNotFoundError(request.orderId);
    return { ...toOrderDto(order), paymentToken: order.props.paymentToken };
  }
}
