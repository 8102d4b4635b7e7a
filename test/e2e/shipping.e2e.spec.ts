import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ShipmentCreated, Shipping } from '#contracts/shipping';
import { MessagingModule, ModuleBus, type ModuleError } from '#platform/messaging';
import { InProcessContext } from '../../libs/platform/messaging/src/in-process/in-process.context.js';
import { dataOf, seamApi, type SeamApi } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import { shippingAddress } from '../support/shop.js';
import { clientsFor, startMonolith, type TestApplication } from '../support/test-application.js';

const received: { event: ShipmentCreated; messageId: string }[] = [];

@Controller()
class ShipmentListener {
  @EventPattern<string>(ShipmentCreated.pattern, { subscriber: 'test-probe' })
  onShipmentCreated(@Payload() event: ShipmentCreated, @Ctx() context: InProcessContext): void {
    received.push({ event, messageId: context.getHeaders().messageId });
  }
}

@Module({
  imports: [MessagingModule.forModule('shipping_probe')],
  controllers: [ShipmentListener],
  exports: [MessagingModule],
})
class CallerModule {}

const freshOrder = () => `order-${Math.random().toString(36).slice(2, 12)}`;
const address = shippingAddress;

describe('shipping', () => {
  let monolith: TestApplication;
  let bus: ModuleBus;
  let api: SeamApi;
  /** For what the contract forbids: validation errors. */
  const http = clientsFor(() => monolith)('ops', ['admin']);
  const shipmentOf = async (orderId: string) =>
    dataOf(await api.GET('/shipping/shipments/{orderId}', { params: { path: { orderId } } }));
  const shipping = () => bus.to(Shipping);
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as ModuleError,
    );

  beforeAll(async () => {
    monolith = await startMonolith([CallerModule]);
    bus = monolith.app.select(CallerModule).get(ModuleBus);
    api = seamApi(monolith, 'ops', ['admin']);
  });

  afterAll(async () => {
    await monolith.close();
  });

  it.each([
    ['DE', 1200, 'DOMESTIC', 490],
    ['DE', 2001, 'DOMESTIC', 690],
    ['FR', 1200, 'EU', 990],
    ['US', 31500, 'WORLD', 7990],
  ])('quotes %s at %i g as zone %s for %i cents', async (country, weightGrams, zone, amount) => {
    expect(
      await shipping().send('shipping.quote', { country, weightGrams, currency: 'EUR' }),
    ).toEqual({
      zone,
      speed: 'standard',
      price: { amount, currency: 'EUR' },
    });
  });

  it.each([
    [{ country: 'AQ', weightGrams: 100, currency: 'EUR' }, 'COUNTRY_NOT_SERVED'],
    [{ country: 'DE', weightGrams: 31501, currency: 'EUR' }, 'TOO_HEAVY'],
    [{ country: 'DE', weightGrams: 100, currency: 'USD' }, 'CURRENCY_NOT_SUPPORTED'],
  ])('refuses %p as undeliverable (%s)', async (request, reason) => {
    expect(await failure(shipping().send('shipping.quote', request))).toMatchObject({
      name: 'UndeliverableError',
      code: 'UNDELIVERABLE',
      details: { reason },
    });
  });

  it('serves quotes over HTTP too, with 422 for an undeliverable parcel', async () => {
    const quote = (country: string) =>
      api.GET('/shipping/quote', {
        params: { query: { country, weightGrams: 500, currency: 'EUR' } },
      });
    expect((await quote('FR')).data).toEqual({
      zone: 'EU',
      speed: 'standard',
      price: { amount: 990, currency: 'EUR' },
    });
    expect((await quote('AQ')).error).toMatchObject({ status: 422, code: 'UNDELIVERABLE' });
    // A request the contract forbids is a validation error (400), not a refused quote (422).
    expect(
      (await http('GET', '/shipping/quote?country=XX&weightGrams=0&currency=EUR')).body,
    ).toMatchObject({ status: 400 });
  });

  it('books a parcel at the speed and price the customer paid, whatever the rates say now', async () => {
    const orderId = freshOrder();
    const shipment = await shipping().send('shipping.create-shipment', {
      orderId,
      address: address('FR'),
      weightGrams: 800,
      currency: 'EUR',
      speed: 'express',
      price: { amount: 1234, currency: 'EUR' },
    });
    expect(shipment).toMatchObject({
      status: 'CREATED',
      carrier: 'SEAM-EXPRESS',
      price: { amount: 1234, currency: 'EUR' },
    });
  });

  it('creates one shipment per order, however often asked, and announces it once through the outbox', async () => {
    const orderId = freshOrder();
    const request = { orderId, address: address('FR'), weightGrams: 800, currency: 'EUR' };
    const created = await Promise.all(
      [1, 2, 3].map(() => shipping().send('shipping.create-shipment', request)),
    );
    expect(created[0]).toMatchObject({
      orderId,
      status: 'CREATED',
      carrier: 'SEAM-POST',
      price: { amount: 990, currency: 'EUR' },
    });
    expect(created[0]!.trackingNumber).toMatch(/^SEAM[A-Z2-9]{10}$/);
    expect(new Set(created.map((s) => s.trackingNumber)).size).toBe(1);

    const announcements = await eventually(
      () => received.filter((r) => r.event.orderId === orderId),
      (found) => found.length >= 1,
      'ShipmentCreated',
    );
    expect(announcements[0]!.event).toMatchObject({
      orderId,
      trackingNumber: created[0]!.trackingNumber,
      carrier: 'SEAM-POST',
    });
    await shipping().send('shipping.quote', { country: 'DE', weightGrams: 1, currency: 'EUR' }); // a round trip later…
    // …still one event: deliveries are at-least-once, so a redelivery would carry the same message id.
    expect(
      new Set(received.filter((r) => r.event.orderId === orderId).map((r) => r.messageId)).size,
    ).toBe(1);
  });

  it('refuses to ship where it cannot deliver, and stores nothing', async () => {
    const orderId = freshOrder();
    const error = await failure(
      shipping().send('shipping.create-shipment', {
        orderId,
        address: address('AQ'),
        weightGrams: 800,
        currency: 'EUR',
      }),
    );
    expect(error).toMatchObject({
      code: 'UNDELIVERABLE',
      details: { reason: 'COUNTRY_NOT_SERVED' },
    });
    expect((await shipmentOf(orderId)).status).toBe('NONE');
  });

  it('cancels a shipment once; cancelling nothing is a no-op', async () => {
    const orderId = freshOrder();
    await shipping().send('shipping.create-shipment', {
      orderId,
      address: address(),
      weightGrams: 100,
      currency: 'EUR',
    });
    const cancels = await Promise.all(
      [1, 2].map(() => shipping().send('shipping.cancel-shipment', { orderId })),
    );
    expect(cancels.map((c) => c.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect((await shipmentOf(orderId)).status).toBe('CANCELLED');
    expect(
      await shipping().send('shipping.cancel-shipment', { orderId: freshOrder() }),
    ).toMatchObject({ status: 'NONE', trackingNumber: null });
  });
});
