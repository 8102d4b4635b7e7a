import type { ShippingSpeed } from '#contracts/shipping';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Money } from '#platform/domain';
import { Outbox } from '#platform/messaging';
import { WorkflowStarter } from '#platform/workflows';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderPlaced,
  OrderRejected,
  type OrderDto,
} from '../contract/index.js';
import { Order, type Address, type OrderState } from '../domain/order.js';
import { OrderStore, type IdempotencyRecord } from '../domain/order-store.js';

/** The saga that takes a placed order to CONFIRMED or REJECTED: workflows/order-fulfilment.asl.json. */
export const ORDER_FULFILMENT = 'order-fulfilment';

@Injectable()
export class PostgresOrderStore extends OrderStore {
  constructor(
    @InjectDataSource('ordering') private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly workflows: WorkflowStarter,
  ) {
    super();
  }

  async findIdempotent(customerId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.loadIdempotent(this.db.manager, customerId, key);
  }

  async place(
    order: Order,
    idempotency: { key: string; requestHash: string },
    response: OrderDto,
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
    return this.db.transaction(async (tx) => {
      // The key first: a concurrent request with the same key waits here, then finds it taken.
      const claimed = (await tx.query(
        `INSERT INTO ordering.idempotency_keys (customer_id, key, request_hash, order_id, response)
         VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING RETURNING key`,
        [customerId, idempotency.key, idempotency.requestHash, id, JSON.stringify(response)],
      )) as unknown[];
      if (claimed.length === 0)
        return {
          stored: false,
          earlier: (await this.loadIdempotent(tx, customerId, idempotency.key))!,
        };

      await tx.query(
        `INSERT INTO ordering.orders (id, customer_id, status, currency, items_total, shipping_total, total, total_weight_grams,
                                      shipping_address, shipping_speed, payment_token, placed_at, updated_at)
         VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $11)`,
        [
          id,
          customerId,
          shippingTotal.currency,
          order.itemsTotal.amount,
          shippingTotal.amount,
          order.total.amount,
          order.totalWeightGrams,
          JSON.stringify(shippingAddress),
          shippingSpeed,
          paymentToken,
          placedAt,
        ],
      );
      for (const [index, line] of lines.entries()) {
        await tx.query(
          `INSERT INTO ordering.order_lines (order_id, line_no, sku, name, quantity, unit_price, weight_grams) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            id,
            index + 1,
            line.sku,
            line.name,
            line.quantity,
            line.unitPrice.amount,
            line.weightGrams,
          ],
        );
      }
      await this.outbox.add(
        tx,
        OrderPlaced.of({
          orderId: id,
          customerId,
          lines: response.lines,
          itemsTotal: response.itemsTotal,
          shippingTotal: response.shippingTotal,
          total: response.total,
          totalWeightGrams: response.totalWeightGrams,
          shippingAddress: response.shippingAddress,
          shippingSpeed,
          placedAt: response.placedAt,
        }),
        id,
      );
      await this.workflows.start(tx, ORDER_FULFILMENT, id, {
        orderId: id,
        customerId,
        lines: lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
        total: response.total,
        cardToken: paymentToken,
        shippingAddress: response.shippingAddress,
        shippingSpeed,
        shippingTotal: response.shippingTotal,
        weightGrams: response.totalWeightGrams,
      });
      return { stored: true };
    });
  }

  find(orderId: string): Promise<Order | undefined> {
    return this.load(this.db.manager, orderId);
  }

  async transition(
    orderId: string,
    to: Exclude<OrderState, 'PENDING'>,
    reason?: string,
  ): Promise<Order | undefined> {
    return this.db.transaction(async (tx) => {
      const [changed] = (await tx.query(
        `UPDATE ordering.orders SET status = $2, reject_reason = $3, updated_at = now()
          WHERE id = $1 AND status = 'PENDING' RETURNING id`,
        [orderId, to, to === 'REJECTED' ? reason : null],
      )) as [unknown[], number];
      const order = await this.load(tx, orderId);
      if (changed.length === 1 && order) await this.outbox.add(tx, transitionEvent(order), orderId);
      return order;
    });
  }

  private async load(tx: EntityManager, orderId: string): Promise<Order | undefined> {
    // One round trip: the order with its lines as a JSON array.
    const [row] = (await tx.query(
      `SELECT o.*, (SELECT coalesce(json_agg(l ORDER BY l.line_no), '[]')
                      FROM ordering.order_lines l WHERE l.order_id = o.id) AS lines
         FROM ordering.orders o WHERE o.id = $1`,
      [orderId],
    )) as (OrderRow & { lines: LineRow[] })[];
    if (!row) return undefined;
    const { lines } = row;
    return Order.restore({
      id: row.id,
      customerId: row.customer_id,
      status: row.status,
      rejectReason: row.reject_reason,
      lines: lines.map((line) => ({
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

  private async loadIdempotent(
    tx: EntityManager,
    customerId: string,
    key: string,
  ): Promise<IdempotencyRecord | undefined> {
    const [row] = (await tx.query(
      `SELECT request_hash, response FROM ordering.idempotency_keys WHERE customer_id = $1 AND key = $2`,
      [customerId, key],
    )) as { request_hash: string; response: OrderDto }[];
    return row ? { requestHash: row.request_hash, response: row.response } : undefined;
  }
}

function transitionEvent(order: Order): OrderConfirmed | OrderRejected | OrderCancelled {
  const { id: orderId, customerId, status, rejectReason, updatedAt } = order.props;
  const at = updatedAt.toISOString();
  switch (status) {
    case 'CONFIRMED':
      return OrderConfirmed.of({
        orderId,
        customerId,
        total: order.total.toJSON(),
        confirmedAt: at,
      });
    case 'REJECTED':
      return OrderRejected.of({ orderId, customerId, reason: rejectReason!, rejectedAt: at });
    case 'CANCELLED':
      return OrderCancelled.of({ orderId, customerId, cancelledAt: at });
    default:
      throw new Error(`No event for an order becoming ${status}`);
  }
}

interface OrderRow {
  id: string;
  customer_id: string;
  status: OrderState;
  reject_reason: string | null;
  currency: string;
  shipping_total: string;
  shipping_address: Address;
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
