import { Injectable } from '@nestjs/common';
import { Metrics } from '#platform/observability';
import type { OrderState } from './domain/order.js';

/** What happened to an order, as the `event` label of `seam_orders_total`. */
export type OrderEvent = 'placed' | 'confirmed' | 'rejected' | 'cancelled';

const EVENT_OF: Readonly<Record<Exclude<OrderState, 'PENDING'>, OrderEvent>> = {
  CONFIRMED: 'confirmed',
  REJECTED: 'rejected',
  CANCELLED: 'cancelled',
};

/**
 * `seam_orders_total{event}`: orders placed, confirmed, rejected and cancelled, counted once
 * when the change is stored (an idempotent replay or a repeated confirmation counts nothing).
 */
@Injectable()
export class OrderCounts {
  static readonly METRIC = 'seam_orders_total';
  private readonly counter;

  constructor(metrics: Metrics) {
    this.counter = metrics.counter(
      OrderCounts.METRIC,
      'Orders by what happened to them: placed, confirmed, rejected, cancelled',
      ['event'],
    );
  }

  placed(): void {
    this.counter.inc({ event: 'placed' });
  }

  changedTo(state: Exclude<OrderState, 'PENDING'>): void {
    this.counter.inc({ event: EVENT_OF[state] });
  }
}
