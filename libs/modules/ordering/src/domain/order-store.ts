import type { WorkflowStart } from '#platform/workflows';
import type { OrderDto } from '../contract/index.js';
import type { Order } from './order.js';
import type { TimeWindow } from './time-window.js';

export interface IdempotencyRecord {
  readonly requestHash: string;
  readonly response: OrderDto;
}

/**
 * Port: orders (the write side). Each write stores the state change and the events the order
 * recorded (outbox) in one transaction.
 */
export abstract class OrderStore {
  abstract findIdempotent(customerId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Stores a new order, its events, the idempotency key with `response`, and starts `saga`,
   * all at once, unless the key was taken meanwhile: then nothing is stored and the earlier
   * record is returned.
   */
  abstract place(
    order: Order,
    idempotency: { key: string; requestHash: string },
    response: OrderDto,
    saga: WorkflowStart,
  ): Promise<{ stored: true } | { stored: false; earlier: IdempotencyRecord }>;
  abstract find(orderId: string): Promise<Order | undefined>;
  /**
   * Stores `changed` (a PENDING order moved on, see Order.changeTo) with its event, if the
   * stored order is still PENDING. @returns the order as stored after the call, whether or not
   * this call changed it.
   */
  abstract transition(changed: Order): Promise<Order>;
  /**
   * The orders that ended (REJECTED or CANCELLED) with their last change in `window`, oldest
   * change first, at most `limit` of them.
   */
  abstract listEnded(window: TimeWindow, limit: number): Promise<EndedOrder[]>;
}

export interface EndedOrder {
  readonly orderId: string;
  readonly status: 'REJECTED' | 'CANCELLED';
}
