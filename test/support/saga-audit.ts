import pg from 'pg';
import { eventually } from './eventually.js';

/** One order as every module's tables see it, read by SQL (not through the API under test). */
export interface OrderAudit {
  readonly orderId: string;
  readonly status: string;
  readonly rejectReason: string | null;
  readonly total: number;
  readonly payment: string | null;
  readonly authorized: number;
  readonly captured: number;
  readonly refunded: number;
  readonly reservation: string | null;
  readonly shipment: string | null;
}

/** Reads the orders' state in ordering, payments, inventory and shipping. */
export async function auditOrders(adminUrl: string, orderIds: string[]): Promise<OrderAudit[]> {
  const db = new pg.Client({ connectionString: adminUrl });
  await db.connect();
  try {
    const { rows } = await db.query<OrderAudit>(
      `SELECT o.id AS "orderId", o.status, o.reject_reason AS "rejectReason", o.total::int AS total,
              p.status AS payment, coalesce(p.authorized_amount, 0)::int AS authorized,
              coalesce(p.captured_amount, 0)::int AS captured, coalesce(p.refunded_amount, 0)::int AS refunded,
              r.status AS reservation, s.status AS shipment
         FROM ordering.orders o
         LEFT JOIN payments.payments p ON p.order_id = o.id::text
         LEFT JOIN inventory.reservations r ON r.order_id = o.id::text
         LEFT JOIN shipping.shipments s ON s.order_id = o.id::text
        WHERE o.id = ANY($1::uuid[])
        ORDER BY o.id`,
      [orderIds],
    );
    return rows;
  } finally {
    await db.end();
  }
}

/**
 * Waits until the saga of every order has ended (its execution SUCCEEDED or FAILED, undos
 * included: a rejected order is rejected before its steps are undone), then audits the orders.
 */
export async function auditWhenSagasEnd(
  adminUrl: string,
  orderIds: string[],
  ms = 120_000,
): Promise<OrderAudit[]> {
  await eventually(
    async () => {
      const db = new pg.Client({ connectionString: adminUrl });
      await db.connect();
      try {
        const { rows } = await db.query<{ ended: number }>(
          `SELECT count(*)::int AS ended FROM ordering.workflow_executions
            WHERE workflow = 'order-fulfilment' AND name = ANY($1) AND status IN ('SUCCEEDED', 'FAILED')`,
          [orderIds],
        );
        return rows[0]!.ended;
      } finally {
        await db.end();
      }
    },
    (ended) => ended === orderIds.length,
    `the sagas of ${orderIds.length} orders to end`,
    ms,
  );
  return auditOrders(adminUrl, orderIds);
}

export const TERMINAL_ORDER_STATES = ['CONFIRMED', 'REJECTED', 'CANCELLED'];

/**
 * What must hold for every order once its saga has ended, whatever happened on the way:
 * a confirmed order is paid once, in full, with its stock committed and its parcel booked; a
 * rejected or cancelled one holds no stock, no card authorisation, no parcel, and has cost the
 * customer nothing.
 */
export function sagaViolations(orders: readonly OrderAudit[]): string[] {
  return orders.flatMap((order) => {
    const problems: string[] = [];
    const net = order.captured - order.refunded;
    if (!TERMINAL_ORDER_STATES.includes(order.status)) problems.push(`still ${order.status}`);
    if (order.status === 'CONFIRMED') {
      if (order.payment !== 'CAPTURED' || order.captured !== order.total || order.refunded !== 0)
        problems.push(`confirmed but payment ${order.payment} ${order.captured}/${order.total}`);
      if (order.reservation !== 'COMMITTED')
        problems.push(`confirmed but stock ${order.reservation}`);
      if (order.shipment !== 'CREATED') problems.push(`confirmed but shipment ${order.shipment}`);
    } else {
      if (order.reservation === 'HELD' || order.reservation === 'COMMITTED')
        problems.push(`${order.status} but stock ${order.reservation}`);
      if (order.payment === 'AUTHORIZED' || order.payment === 'CAPTURED')
        problems.push(`${order.status} but payment ${order.payment}`);
      if (net !== 0) problems.push(`${order.status} but charged ${net}`);
      if (order.shipment === 'CREATED') problems.push(`${order.status} but shipment CREATED`);
    }
    if (order.captured > order.authorized) problems.push(`captured more than authorised`);
    return problems.map((problem) => `${order.orderId}: ${problem}`);
  });
}
