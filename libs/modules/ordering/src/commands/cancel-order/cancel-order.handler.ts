import { Injectable } from '@nestjs/common';
import type { OrderDto } from '../../contract/index.js';
import { mayAccess, type Requester } from '../../domain/order-access.js';
import { OrderCounts } from '../../order-counts.js';
import { changeOrderState } from '../../domain/order-state-change.js';
import { OrderStore } from '../../domain/order-store.js';
import { OrderNotFoundError } from '../../domain/ordering.errors.js';
import { toOrderDto } from '../../order-dto.mapper.js';

/** The customer (or staff) cancels a PENDING order. */
@Injectable()
export class CancelOrderHandler {
  constructor(
    private readonly orders: OrderStore,
    private readonly counts: OrderCounts,
  ) {}

  async execute(orderId: string, requester: Requester): Promise<OrderDto> {
    const order = await this.orders.find(orderId);
    // Another customer's order is as absent as one that does not exist: ids reveal nothing.
    if (!order || !mayAccess(requester, order.props.customerId))
      throw new OrderNotFoundError(orderId);
    return toOrderDto(
      await changeOrderState(this.orders, orderId, 'CANCELLED', { counts: this.counts }),
    );
  }
}
