import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { OrderConfirmed, Ordering, OrderRejected } from '#contracts/ordering';
import { ShipmentCreated } from '#contracts/shipping';
import { InProcessContext, ModuleBus } from '#platform/messaging';
import { CustomerMessages } from '../../domain/customer-message.js';
import { NotifyCustomerCommand } from './notify-customer.command.js';

/** Subscriber ids: one inbox entry per (subscriber, event). */
export const Subscribers = {
  orderConfirmed: 'notifications.order-confirmed-message',
  orderRejected: 'notifications.order-rejected-message',
  shipmentCreated: 'notifications.shipment-created-message',
} as const;

/** Tells customers what happened to their orders. */
@Controller()
export class OrderEventsSubscriber {
  constructor(
    private readonly commands: CommandBus,
    private readonly bus: ModuleBus,
  ) {}

  @EventPattern<string>(OrderConfirmed.pattern, { subscriber: 'notifications' })
  async onOrderConfirmed(
    @Payload() event: OrderConfirmed,
    @Ctx() context: InProcessContext,
  ): Promise<void> {
    const message = CustomerMessages.orderConfirmed(event.customerId, event.orderId, event.total);
    await this.commands.execute(
      new NotifyCustomerCommand(Subscribers.orderConfirmed, context.getHeaders(), message),
    );
  }

  @EventPattern<string>(OrderRejected.pattern, { subscriber: 'notifications' })
  async onOrderRejected(
    @Payload() event: OrderRejected,
    @Ctx() context: InProcessContext,
  ): Promise<void> {
    const message = CustomerMessages.orderRejected(event.customerId, event.orderId, event.reason);
    await this.commands.execute(
      new NotifyCustomerCommand(Subscribers.orderRejected, context.getHeaders(), message),
    );
  }

  @EventPattern<string>(ShipmentCreated.pattern, { subscriber: 'notifications' })
  async onShipmentCreated(
    @Payload() event: ShipmentCreated,
    @Ctx() context: InProcessContext,
  ): Promise<void> {
    // Shipping does not know customers; ordering does.
    const { customerId } = await this.bus
      .to(Ordering)
      .send('ordering.get-order', { orderId: event.orderId });
    const message = CustomerMessages.shipmentCreated(
      customerId,
      event.orderId,
      event.carrier,
      event.trackingNumber,
    );
    await this.commands.execute(
      new NotifyCustomerCommand(Subscribers.shipmentCreated, context.getHeaders(), message),
    );
  }
}
