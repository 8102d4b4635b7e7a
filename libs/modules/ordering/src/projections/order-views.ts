import type {
  OrderCancelled,
  OrderConfirmed,
  OrderDto,
  OrderPlaced,
  OrderRejected,
} from '../contract/index.js';

/**
 * Port: the OrderView read model, a projection of the order events. Applying an event again
 * changes nothing (events arrive at least once): a placed order is added once, and only a
 * PENDING view takes a final status (an order's events arrive in order).
 */
export abstract class OrderViews {
  abstract applyPlaced(event: OrderPlaced): Promise<void>;
  abstract applyStatus(event: OrderConfirmed | OrderRejected | OrderCancelled): Promise<void>;
  abstract find(orderId: string): Promise<OrderDto | undefined>;
  abstract listByCustomer(
    customerId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: OrderDto[]; total: number }>;
}
