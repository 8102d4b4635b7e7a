import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { OrderDetailsDto, OrderDto } from '../../contract/index.js';
import { mayAccess } from '../../domain/order-access.js';
import { OrderStore } from '../../domain/order-store.js';
import { OrderNotFoundError } from '../../domain/ordering.errors.js';
import { toOrderDetailsDto } from '../../order-dto.mapper.js';
import { OrderViewStore } from '../../domain/order-view-store.js';
import { GetOrderDetailsQuery, GetOrderQuery } from './get-order.query.js';

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(private readonly views: OrderViewStore) {}

  async execute(query: GetOrderQuery): Promise<OrderDto> {
    const view = await this.views.find(query.orderId);
    // Another customer's order is as absent as one that does not exist: ids reveal nothing.
    if (!view || !mayAccess(query.requester, view.customerId))
      throw new OrderNotFoundError(query.orderId);
    return view;
  }
}

@QueryHandler(GetOrderDetailsQuery)
export class GetOrderDetailsHandler implements IQueryHandler<GetOrderDetailsQuery> {
  constructor(private readonly orders: OrderStore) {}

  async execute(query: GetOrderDetailsQuery): Promise<OrderDetailsDto> {
    const order = await this.orders.find(query.orderId);
    if (!order) throw new OrderNotFoundError(query.orderId);
    return toOrderDetailsDto(order);
  }
}
