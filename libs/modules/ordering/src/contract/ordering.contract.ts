import { command, defineContract, query } from '#platform/messaging';
import {
  EndedOrdersDto,
  ListEndedOrdersRequest,
  OrderDetailsDto,
  OrderDto,
  OrderIdRequest,
  RejectOrderRequest,
} from './order.dto.js';
import { OrderCancelled, OrderConfirmed, OrderPlaced, OrderRejected } from './order.events.js';

/**
 * The ordering module's public surface.
 *
 * - `ordering.get-order`: the order with its payment token (for the order workflow).
 * - `ordering.confirm` / `ordering.reject`: PENDING → CONFIRMED / REJECTED(reason). Idempotent: a
 *   repeat in the target state is a no-op; any other transition fails with
 *   `IllegalOrderTransitionError`; rejecting a CONFIRMED order fails with `OrderAlreadyConfirmedError`
 *   (the workflow then completes the order instead of undoing it).
 * - `ordering.list-ended-orders`: the orders that became REJECTED or CANCELLED in `[since, until)`
 *   (ISO-8601 instants), oldest first, at most `limit` (1..500), and whether more were left out
 *   (`truncated`). `since` not before `until` fails with `InvalidTimeWindowError`. The nightly
 *   `payments-reconciliation` workflow reads it to void the payments such orders still hold.
 * Events: `OrderPlaced`, `OrderConfirmed`, `OrderRejected`, `OrderCancelled`, through the outbox.
 */
export const Ordering = defineContract({
  module: 'ordering',
  patterns: {
    'ordering.get-order': query(OrderIdRequest, OrderDetailsDto),
    'ordering.confirm': command(OrderIdRequest, OrderDto),
    'ordering.reject': command(RejectOrderRequest, OrderDto),
    'ordering.list-ended-orders': query(ListEndedOrdersRequest, EndedOrdersDto),
  },
  events: [OrderPlaced, OrderConfirmed, OrderRejected, OrderCancelled],
});
