import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OrderCancelled, OrderConfirmed, OrderPlaced, OrderRejected } from '../contract/index.js';
import { OrderViews } from './order-views.js';

/**
 * Keeps the OrderView read model up to date from the order events. Each write is idempotent by
 * order id and state (see OrderViews), so a redelivered event needs no inbox.
 */
@Controller()
export class OrderViewProjector {
  constructor(private readonly views: OrderViews) {}

  @EventPattern<string>(OrderPlaced.pattern, { subscriber: 'ordering' })
  onPlaced(@Payload() event: OrderPlaced): Promise<void> {
    return this.views.applyPlaced(event);
  }

  @EventPattern<string>(OrderConfirmed.pattern, { subscriber: 'ordering' })
  onConfirmed(@Payload() event: OrderConfirmed): Promise<void> {
    return this.views.applyStatus(event);
  }

  @EventPattern<string>(OrderRejected.pattern, { subscriber: 'ordering' })
  onRejected(@Payload() event: OrderRejected): Promise<void> {
    return this.views.applyStatus(event);
  }

  @EventPattern<string>(OrderCancelled.pattern, { subscriber: 'ordering' })
  onCancelled(@Payload() event: OrderCancelled): Promise<void> {
    return this.views.applyStatus(event);
  }
}
