import type { OrderDto } from '../contract/index.js';

/**
 * Port: the OrderView read model, one document per order shaped as the API returns it. The
 * order store writes it in the same statement as the order (an inline projection), so it is
 * never behind the order.
 */
export abstract class OrderViewStore {
  abstract find(orderId: string): Promise<OrderDto | undefined>;
  abstract listByCustomer(
    customerId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: OrderDto[]; total: number }>;
}
