import type { AddressDto, ShippingSpeed } from '#contracts/shipping';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Money } from '#platform/domain';
import { Outbox } from '#platform/messaging';
import { join, raw, rowsOf, sql, type Sql } from '#platform/persistence';
import { WorkflowStarter, type WorkflowStart } from '#platform/workflows';
import type { OrderDto } from '../contract/index.js';
import { Order, type OrderLine, type OrderState } from '../domain/order.js';
import { OrderStore, type EndedOrder, type IdempotencyRecord } from '../domain/order-store.js';
import type { TimeWindow } from '../domain/time-window.js';
import { orderViewAdded, orderViewStatusChanged } from './postgres-order-view-store.js';

@Injectable()
export class PostgresOrderStore extends OrderStore {
  constructor(
    @InjectDataSource('ordering') private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly workflows: WorkflowStarter,
  ) {
    super();
  }

  async place(
    order: Order,
    idempotency: { key: string; requestHash: string },
    response: OrderDto,
    saga: WorkflowStart,
  ): Promise<{ stored: true } | { stored: false; earlier: IdempotencyRecord }> {
    const {
      id,
      customerId,
      shippingTotal,
      shippingAddress,
      shippingSpeed,
      paymentToken,
      placedAt,
      lines,
    } = order.props;
    // One statement, so one round trip and its own transaction. The key is claimed first: a
    // concurrent request with the same key waits on it, then finds it taken, and nothing else
    // of this statement is written.
    const claimed = sql`EXISTS (SELECT 1 FROM claimed)`;
    const column = <T>(pick: (line: OrderLine, index: number) => T) => lines.map(pick);
    const [result] = await rowsOf<{ stored: boolean }>(
      this.db,
      sql`WITH claimed AS (
            INSERT INTO ordering.idempotency_keys (customer_id, key, request_hash, order_id, response)
            VALUES (${customerId}, ${idempotency.key}, ${idempotency.requestHash}, ${id}::uuid,
                    ${JSON.stringify(response)}::jsonb)
            ON CONFLICT DO NOTHING RETURNING key),
          placed AS (
            INSERT INTO ordering.orders (id, customer_id, status, currency, items_total, shipping_total, total,
                                         total_weight_grams, shipping_address, shipping_speed, payment_token,
                                         placed_at, updated_at)
            SELECT ${id}::uuid, ${customerId}, 'PENDING', ${shippingTotal.currency}, ${order.itemsTotal.amount},
                   ${shippingTotal.amount}, ${order.total.amount}, ${order.totalWeightGrams},
                   ${JSON.stringify(shippingAddress)}::jsonb, ${shippingSpeed}, ${paymentToken},
                   ${placedAt}::timestamptz, ${placedAt}::timestamptz
             WHERE ${claimed}),
          placed_lines AS (
            INSERT INTO ordering.order_lines (order_id, line_no, sku, name, quantity, unit_price, weight_grams)
            SELECT ${id}::uuid, line.* FROM unnest(
                     ${column((_, index) => index + 1)}::int[], ${column((line) => line.sku)}::text[],
                     ${column((line) => line.name)}::text[], ${column((line) => line.quantity)}::int[],
                     ${column((line) => line.unitPrice.amount)}::bigint[],
                     ${column((line) => line.weightGrams)}::int[]) AS line
             WHERE ${claimed}),
          view AS (${orderViewAdded(response, claimed)}),
          ${this.eventsOf(order, claimed)},
          saga AS (${this.workflows.start(saga, claimed)})
          SELECT ${claimed} AS stored`,
    );
    if (result!.stored) return { stored: true };
    return {
      stored: false,
      earlier: (await this.findIdempotent(customerId, idempotency.key))!,
    };
  }

  async transition(changed: Order): Promise<Order> {
    const { id, status, rejectReason, updatedAt } = changed.props;
    const stored = sql`EXISTS (SELECT 1 FROM changed)`;
    const [result] = await rowsOf<{ changed: boolean }>(
      this.db,
      sql`WITH changed AS (
            UPDATE ordering.orders SET status = ${status}, reject_reason = ${rejectReason},
                   updated_at = ${updatedAt}::timestamptz
             WHERE id = ${id}::uuid AND status = 'PENDING' RETURNING id),
          view AS (${orderViewStatusChanged(changed, stored)}),
          ${this.eventsOf(changed, stored)}
          SELECT ${stored} AS changed`,
    );
    // Lost to a concurrent change: the caller compares what is stored now with what it wanted.
    return result!.changed ? changed : (await this.find(id))!;
  }

  /** The `WITH` parts that publish the events `order` recorded, if `when` holds. */
  private eventsOf(order: Order, when: Sql): Sql {
    if (order.events.length === 0)
      throw new Error(`Order ${order.props.id} changed without recording its event`);
    return join(
      order.events.map(
        (event, index) =>
          sql`${raw(`event_${index}`)} AS (${this.outbox.record(event, order.props.id, when)})`,
      ),
      ',\n',
    );
  }

  async find(orderId: string): Promise<Order | undefined> {
    // One round trip: the order with its lines as a JSON array.
    const [row] = await rowsOf<OrderRow & { lines: LineRow[] }>(
      this.db,
      sql`SELECT o.*, (SELECT coalesce(json_agg(l ORDER BY l.line_no), '[]')
                         FROM ordering.order_lines l WHERE l.order_id = o.id) AS lines
            FROM ordering.orders o WHERE o.id = ${orderId}::uuid`,
    );
    if (!row) return undefined;
    return Order.restore({
      id: row.id,
      customerId: row.customer_id,
      status: row.status,
      rejectReason: row.reject_reason,
      lines: row.lines.map((line) => ({
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        unitPrice: Money.of(Number(line.unit_price), row.currency),
        weightGrams: line.weight_grams,
      })),
      shippingTotal: Money.of(Number(row.shipping_total), row.currency),
      shippingAddress: row.shipping_address,
      shippingSpeed: row.shipping_speed,
      paymentToken: row.payment_token,
      placedAt: row.placed_at,
      updatedAt: row.updated_at,
    });
  }

  async listEnded({ since, until }: TimeWindow, limit: number): Promise<EndedOrder[]> {
    return rowsOf<EndedOrder>(
      this.db,
      sql`SELECT id AS "orderId", status FROM ordering.orders
           WHERE status IN ('REJECTED', 'CANCELLED')
             AND updated_at >= ${since.toISOString()}::timestamptz
             AND updated_at < ${until.toISOString()}::timestamptz
           ORDER BY updated_at, id
           LIMIT ${limit}`,
    );
  }

  async findIdempotent(customerId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const [row] = await rowsOf<{ request_hash: string; response: OrderDto }>(
      this.db,
      sql`SELECT request_hash, response FROM ordering.idempotency_keys
           WHERE customer_id = ${customerId} AND key = ${key}`,
    );
    return row ? { requestHash: row.request_hash, response: row.response } : undefined;
  }
}

interface OrderRow {
  id: string;
  customer_id: string;
  status: OrderState;
  reject_reason: string | null;
  currency: string;
  shipping_total: string;
  shipping_address: AddressDto;
  shipping_speed: ShippingSpeed;
  payment_token: string;
  placed_at: Date;
  updated_at: Date;
}

interface LineRow {
  sku: string;
  name: string;
  quantity: number;
  /** bigint: a string from a column, a number inside JSON; read with Number(). */
  unit_price: string | number;
  weight_grams: number;
}
