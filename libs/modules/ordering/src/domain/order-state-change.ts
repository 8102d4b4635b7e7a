import type { Order, OrderState } from './order.js';
import type { OrderStore } from './order-store.js';
import { IllegalOrderTransitionError, OrderNotFoundError } from './ordering.errors.js';

/**
 * Moves an order to `to`. Idempotent: an order already in `to` is returned unchanged. Illegal
 * moves, including one lost to a concurrent change, fail with IllegalOrderTransitionError.
 */
export async function changeOrderState(
  orders: OrderStore,
  orderId: string,
  to: Exclude<OrderState, 'PENDING'>,
  reason?: string,
): Promise<Order> {
  const current = await orders.find(orderId);
  if (!current) throw new OrderNotFoundError(orderId);
  if (current.props.status === to) return current;
  const after = await orders.transition(current.changeTo(to, reason));
  if (after.props.status !== to)
    throw new IllegalOrderTransitionError(orderId, after.props.status, to);
  return after;
}
