import { Injectable } from '@nestjs/common';
import type { EndedOrdersDto, ListEndedOrdersRequest } from '../../contract/index.js';
import { OrderStore } from '../../domain/order-store.js';
import { timeWindow } from '../../domain/time-window.js';

/**
 * The orders that ended (REJECTED or CANCELLED) in a window, oldest first: what the nightly
 * payments reconciliation checks against payments.
 */
@Injectable()
export class ListEndedOrdersHandler {
  constructor(private readonly orders: OrderStore) {}

  async execute(request: ListEndedOrdersRequest): Promise<EndedOrdersDto> {
    const window = timeWindow(request.since, request.until);
    // One more than asked tells whether the window holds more.
    const found = await this.orders.listEnded(window, request.limit + 1);
    return {
      orders: found.slice(0, request.limit).map(({ orderId, status }) => ({ orderId, status })),
      truncated: found.length > request.limit,
    };
  }
}
