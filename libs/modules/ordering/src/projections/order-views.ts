import type { EntityManager } from 'typeorm';
import type {
  OrderCancelled,
  OrderConfirmed,
  OrderDto,
  OrderPlaced,
  OrderRejected,
} from '../contract/index.js';

/** Port: the OrderView read model, a projection of the order events. */
export abstract class OrderViews {
  abstract applyPlaced(transaction: EntityManager, event: OrderPlaced): Promise<void>;
  abstract applyStatus(
    transaction: EntityManager,
    event: OrderConfirmed | OrderRejected | OrderCancelled,
  ): Promise<void>;
  abstract find(orderId: string): Promise<OrderDto | undefined>;
  abstract listByCustomer(
    customerId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: OrderDto[]; total: number }>;
}
