import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Inbox, InProcessContext } from '#platform/messaging';
import { OrderCancelled, OrderConfirmed, OrderPlaced, OrderRejected } from '../contract/index.js';
import { OrderViews } from './order-views.js';

/** Subscriber id of the projection in ordering's inbox. */
export const ORDER_VIEW_SUBSCRIBER = 'ordering.order-view';

/** Keeps the OrderView read model up to date from the order events, each applied once. */
@Controller()
export class OrderViewProjector {
  constructor(
    private readonly views: OrderViews,
    private readonly inbox: Inbox,
  ) {}

  @EventPattern<string>(OrderPlaced.pattern, { subscriber: 'ordering' })
  async onPlaced(@Payload() event: OrderPlaced, @Ctx() context: InProcessContext): Promise<void> {
    await this.inbox.runOnce(ORDER_VIEW_SUBSCRIBER, context.getHeaders(), (tx) =>
      this.views.applyPlaced(tx, event),
    );
  }

  @EventPattern<string>(OrderConfirmed.pattern, { subscriber: 'ordering' })
  async onConfirmed(
    @Payload() event: OrderConfirmed,
    @Ctx() context: InProcessContext,
  ): Promise<void> {
    await this.inbox.runOnce(ORDER_VIEW_SUBSCRIBER, context.getHeaders(), (tx) =>
      this.views.applyStatus(tx, event),
    );
  }

  @EventPattern<string>(OrderRejected.pattern, { subscriber: 'ordering' })
  async onRejected(
    @Payload() event: OrderRejected,
    @Ctx() context: InProcessContext,
  ): Promise<void> {
    await this.inbox.runOnce(ORDER_VIEW_SUBSCRIBER, context.getHeaders(), (tx) =>
      this.views.applyStatus(tx, event),
    );
  }

  @EventPattern<string>(OrderCancelled.pattern, { subscriber: 'ordering' })
  async onCancelled(
    @Payload() event: OrderCancelled,
    @Ctx() context: InProcessContext,
  ): Promise<void> {
    await this.inbox.runOnce(ORDER_VIEW_SUBSCRIBER, context.getHeaders(), (tx) =>
      this.views.applyStatus(tx, event),
    );
  }
}
