import type { OrderCounts } from '../order-counts.js';
import type { Order, OrderState } from './order.js';
import type { OrderStore } from './order-store.js';
import { IllegalOrderTransitionError, OrderNotFoundError } from './ordering.errors.js';

/**
 * Moves an order to `to`, counting the change in `counts`. Idempotent: an order already in `to`
 * is returned unchanged (and not counted again). Illegal moves, including one lost to a
 * concurrent change, fail with IllegalOrderTransitionError.
 */
export async function changeOrderState(
  orders: OrderStore,
  orderId: string,
  to: Exclude<OrderState, 'PENDING'>,
  options: { reason?: string; counts?: OrderCounts } = {},
): Promise<Order> {
  const current = await orders.find(orderId);
  if (!current) throw new OrderNotFoundError(orderId);
  if (current.props.status === to) return current;
  const after = await orders.transition(current.changeTo(to, options.reason));
  if (after.props.status !== to)
    throw new IllegalOrderTransitionError(orderId, after.props.status, to);
  options.counts?.changedTo(to);
  return after;
}
