import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OrderCancelled, OrderConfirmed, OrderPlaced, OrderRejected } from '#contracts/ordering';
import { PayableOrderStore } from '../domain/payable-order-store.js';

/**
 * Keeps payments' copy of each order's total and status from ordering's events, so an
 * authorisation can check them without calling ordering. Every write is safe to repeat and to
 * receive out of order (see PayableOrderStore).
 */
@Controller()
export class PayableOrdersProjector {
  constructor(private readonly orders: PayableOrderStore) {}

  @EventPattern<string>(OrderPlaced.pattern, { subscriber: 'payments' })
  onOrderPlaced(@Payload() event: OrderPlaced): Promise<void> {
    return this.orders.placed(event.orderId, event.total);
  }

  @EventPattern<string>(OrderConfirmed.pattern, { subscriber: 'payments' })
  onOrderConfirmed(@Payload() event: OrderConfirmed): Promise<void> {
    return this.orders.settled(event.orderId, 'CONFIRMED', event.total);
  }

  @EventPattern<string>(OrderRejected.pattern, { subscriber: 'payments' })
  onOrderRejected(@Payload() event: OrderRejected): Promise<void> {
    return this.orders.settled(event.orderId, 'REJECTED');
  }

  @EventPattern<string>(OrderCancelled.pattern, { subscriber: 'payments' })
  onOrderCancelled(@Payload() event: OrderCancelled): Promise<void> {
    return this.orders.settled(event.orderId, 'CANCELLED');
  }
}
