import { Injectable } from '@nestjs/common';
import { Metrics } from '#platform/observability';
import type { OrderState } from './domain/order.js';

/**
 * `seam_orders_total{event}`: orders placed, confirmed, rejected and cancelled, counted once
 * when the change is stored (an idempotent replay or a repeated confirmation counts nothing).
 */
@Injectable()
export class OrderCounts {
  private readonly counter;

  constructor(metrics: Metrics) {
    this.counter = metrics.counter(
      'seam_orders_total',
      'Orders by what happened to them: placed, confirmed, rejected, cancelled',
      ['event'],
    );
  }

  placed(): void {
    this.counter.inc({ event: 'placed' });
  }

  changedTo(state: Exclude<OrderState, 'PENDING'>): void {
    this.counter.inc({ event: state.toLowerCase() });
  }
}
