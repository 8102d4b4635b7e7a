import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OrderConfirmed, Ordering, OrderRejected } from '#contracts/ordering';
import { ShipmentCreated } from '#contracts/shipping';
import { ModuleBus } from '#platform/messaging';
import { CustomerMessages } from '../../domain/customer-message.js';
import { NotificationSender } from '../../domain/notification-sender.js';

/** Tells customers what happened to their orders, once per order and kind of message. */
@Controller()
export class OrderEventsSubscriber {
  constructor(
    private readonly sender: NotificationSender,
    private readonly bus: ModuleBus,
  ) {}

  @EventPattern<string>(OrderConfirmed.pattern, { subscriber: 'notifications' })
  async onOrderConfirmed(@Payload() event: OrderConfirmed): Promise<void> {
    const message = CustomerMessages.orderConfirmed(event.customerId, event.orderId, event.total);
    await this.sender.send(message);
  }

  @EventPattern<string>(OrderRejected.pattern, { subscriber: 'notifications' })
  async onOrderRejected(@Payload() event: OrderRejected): Promise<void> {
    const message = CustomerMessages.orderRejected(event.customerId, event.orderId, event.reason);
    await this.sender.send(message);
  }

  @EventPattern<string>(ShipmentCreated.pattern, { subscriber: 'notifications' })
  async onShipmentCreated(@Payload() event: ShipmentCreated): Promise<void> {
    // Events of shipments booked without the customer (none the order saga books) ask ordering.
    const customerId =
      event.customerId ??
      (await this.bus.to(Ordering).send('ordering.get-order', { orderId: event.orderId }))
        .customerId;
    const message = CustomerMessages.shipmentCreated(
      customerId,
      event.orderId,
      event.carrier,
      event.trackingNumber,
    );
    await this.sender.send(message);
  }
}
