import type { OrderDto } from '../contract/index.js';
import { sql, type Sql } from '#platform/persistence';

// The inline OrderView projection: the order store writes an order's view in the statement that
// changes the order, with these parts; PostgresOrderViewStore reads the views.

/**
 * The part of an order's `WITH` statement that adds its view: `document` is the PENDING order
 * as the API returns it, written only if `when` holds (the order was stored).
 */
export function orderViewAdded(document: OrderDto, when: Sql): Sql {
  return sql`INSERT INTO ordering.order_views (id, customer_id, status, document, placed_at, updated_at)
             SELECT ${document.id}::uuid, ${document.customerId}, 'PENDING', ${JSON.stringify(document)}::jsonb,
                    ${document.placedAt}::timestamptz, ${document.placedAt}::timestamptz
              WHERE ${when}
             ON CONFLICT (id) DO NOTHING`;
}

/**
 * The part of an order's `WITH` statement that gives its view a final status, written only if
 * `when` holds (the order itself left PENDING in the same statement).
 */
export function orderViewStatusChanged(
  change: { orderId: string; status: string; rejectReason: string | null; at: string },
  when: Sql,
): Sql {
  const { orderId, status, rejectReason, at } = change;
  return sql`UPDATE ordering.order_views
                SET status = ${status}::text, updated_at = ${at}::timestamptz,
                    document = document || jsonb_build_object('status', ${status}::text,
                                                              'rejectReason', ${rejectReason}::text,
                                                              'updatedAt', ${at}::text)
              WHERE id = ${orderId}::uuid AND status = 'PENDING' AND ${when}`;
}
