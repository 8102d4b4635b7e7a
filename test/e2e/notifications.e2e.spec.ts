import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { OrderConfirmed, Ordering } from '#contracts/ordering';
import { Shipping } from '#contracts/shipping';
import { MessagingModule, ModuleBus } from '#platform/messaging';
import { dataOf, placeOrderVia, seamApi } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { shippingAddress } from '../support/shop.js';
import { freshSku, startMonolith, type TestApplication } from '../support/test-application.js';

@Module({ imports: [MessagingModule.forModule('notifications_probe')], exports: [MessagingModule] })
class CallerModule {}

const address = shippingAddress();

describe('notifications', () => {
  let monolith: TestApplication;
  let bus: ModuleBus;
  let sku: string;
  const as = (subject: string, roles: string[] = []) => seamApi(monolith, subject, roles);
  /** GET /customers/{id}/notifications as `reader` (the customer themselves unless given). */
  const notificationsOf = (customerId: string, reader = as(customerId), page?: number) =>
    reader.GET('/customers/{id}/notifications', {
      params: { path: { id: customerId }, query: { page } },
    });

  async function orderFor(customerId: string): Promise<string> {
    const placed = await placeOrderVia(as(customerId), [{ sku, quantity: 1 }]);
    expect(placed.response.status).toBe(201);
    return placed.data!.id;
  }

  const messagesOf = async (customerId: string) => dataOf(await notificationsOf(customerId));

  beforeAll(async () => {
    monolith = await startMonolith({ extraModules: [CallerModule], runWorkflows: false });
    bus = monolith.app.select(CallerModule).get(ModuleBus);
    sku = freshSku('NOTE');
    await as('ops', ['admin']).POST('/catalog/products', {
      body: { sku, name: 'Teapot', price: { amount: 3000, currency: 'EUR' }, weightGrams: 900 },
    });
  });

  afterAll(async () => {
    await monolith.close();
  });

  it('tells the customer when the order is confirmed and when the parcel ships', async () => {
    const customer = `cust-${randomUUID()}`;
    const orderId = await orderFor(customer);
    await bus.to(Ordering).send('ordering.confirm', { orderId });
    const shipment = await bus
      .to(Shipping)
      .send('shipping.create-shipment', { orderId, address, weightGrams: 900, currency: 'EUR' });

    const page = await eventually(
      () => messagesOf(customer),
      (p) => p.total === 2,
      'two messages',
    );
    const byKind = Object.fromEntries(page.items.map((m) => [m.kind, m]));
    expect(byKind.ORDER_CONFIRMED).toMatchObject({ orderId, subject: 'Your order is confirmed' });
    expect(byKind.ORDER_CONFIRMED!.body).toContain('€34.90'); // 30.00 + 4.90 shipping
    expect(byKind.SHIPMENT_CREATED!.body).toContain(shipment.trackingNumber!);
  });

  it('takes the customer from ShipmentCreated when the shipment was booked with it', async () => {
    const customer = `cust-${randomUUID()}`;
    // Ordering knows no such order: only the event can say whose parcel it is.
    const orderId = randomUUID();
    const shipment = await bus.to(Shipping).send('shipping.create-shipment', {
      orderId,
      customerId: customer,
      address,
      weightGrams: 900,
      currency: 'EUR',
    });

    const page = await eventually(
      () => messagesOf(customer),
      (p) => p.total === 1,
      'the shipment message',
    );
    expect(page.items[0]).toMatchObject({ kind: 'SHIPMENT_CREATED', orderId });
    expect(page.items[0].body).toContain(shipment.trackingNumber!);
  });

  it('tells the customer why an order was rejected', async () => {
    const customer = `cust-${randomUUID()}`;
    const orderId = await orderFor(customer);
    await bus.to(Ordering).send('ordering.reject', { orderId, reason: 'the card was declined' });
    const page = await eventually(
      () => messagesOf(customer),
      (p) => p.total === 1,
      'the rejection message',
    );
    expect(page.items[0]).toMatchObject({ kind: 'ORDER_REJECTED', orderId });
    expect(page.items[0].body).toContain('the card was declined');
    expect((await notificationsOf(customer, as(customer), 3)).data).toMatchObject({
      items: [],
      total: 1,
    });
  });

  it('sends one message per event, however often the event is delivered', async () => {
    const customer = `cust-${randomUUID()}`;
    const orderId = randomUUID();
    const event = OrderConfirmed.of({
      orderId,
      customerId: customer,
      total: { amount: 999, currency: 'EUR' },
      confirmedAt: new Date().toISOString(),
    });
    const headers = {
      messageId: randomUUID(),
      correlationId: 'redelivery-test',
      caller: 'ordering',
    };
    await Promise.all([1, 2, 3].map(() => bus.deliver(OrderConfirmed.pattern, event, headers)));
    await bus.deliver(OrderConfirmed.pattern, event, headers);
    const page = await messagesOf(customer);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ kind: 'ORDER_CONFIRMED', orderId });
  });

  it('shows customers only their own messages', async () => {
    expect((await notificationsOf('someone-else', as('someone'))).response.status).toBe(403);
    expect((await notificationsOf('someone-else', as('ops', ['admin']))).data).toMatchObject({
      total: 0,
      items: [],
    });
  });
});
