import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OrderPlaced, Ordering } from '#contracts/ordering';
import { MessagingModule, ModuleBus, type ModuleError } from '#platform/messaging';
import { untilOrderingSees } from '../support/catalog-copy.js';
import { eventually } from '../support/eventually.js';
import { shippingAddress } from '../support/shop.js';
import { seamApi, type Schema } from '../support/api-client.js';
import { testDatabase } from '../support/test-database.js';
import {
  clientsFor,
  freshSku,
  startMonolith,
  type TestApplication,
} from '../support/test-application.js';

const placedEvents: OrderPlaced[] = [];

@Controller()
class OrderPlacedListener {
  @EventPattern<string>(OrderPlaced.pattern, { subscriber: 'test-probe' })
  onPlaced(@Payload() event: OrderPlaced): void {
    placedEvents.push(event);
  }
}

@Module({
  imports: [MessagingModule.forModule('ordering_probe')],
  controllers: [OrderPlacedListener],
  exports: [MessagingModule],
})
class CallerModule {}

const address = shippingAddress;
const freshCustomer = () => `cust-${Math.random().toString(36).slice(2, 10)}`;
const freshKey = () => `key-${randomUUID()}`;

describe('ordering', () => {
  let monolith: TestApplication;
  let bus: ModuleBus;
  const as = (subject: string, roles: string[] = []) => seamApi(monolith, subject, roles);
  const admin = () => as('ops', ['admin']);
  /** For what the contract forbids: a missing header, invalid fields, no token. */
  const untyped = clientsFor(() => monolith);
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as ModuleError,
    );

  async function product(
    price: { amount: number; currency: string },
    weightGrams: number,
  ): Promise<string> {
    const sku = freshSku('ORD');
    const created = await admin().POST('/catalog/products', {
      body: { sku, name: `Product ${sku}`, price, weightGrams },
    });
    expect(created.response.status).toBe(201);
    return sku;
  }

  const place = (customerId: string, body: Schema<'PlaceOrderRequest'>, key = freshKey()) =>
    as(customerId).POST('/orders', {
      params: { header: { 'Idempotency-Key': key } },
      body,
    });
  const orderOf = (reader: string, id: string, roles?: string[]) =>
    as(reader, roles).GET('/orders/{id}', { params: { path: { id } } });
  const ordersOf = (customerId: string, reader = customerId, roles?: string[]) =>
    as(reader, roles).GET('/customers/{id}/orders', { params: { path: { id: customerId } } });
  const cancel = (customerId: string, id: string) =>
    as(customerId).POST('/orders/{id}/cancel', { params: { path: { id } } });

  let mug: string;
  let plate: string;

  beforeAll(async () => {
    monolith = await startMonolith({ extraModules: [CallerModule], runWorkflows: false });
    bus = monolith.app.select(CallerModule).get(ModuleBus);
    mug = await product({ amount: 1250, currency: 'EUR' }, 400);
    plate = await product({ amount: 899, currency: 'EUR' }, 600);
  });

  afterAll(async () => {
    await monolith.close();
  });

  it('places a PENDING order priced from the catalog plus shipping, announces it, and projects it', async () => {
    const customer = freshCustomer();
    const response = await place(customer, {
      lines: [
        { sku: mug, quantity: 2 },
        { sku: plate, quantity: 1 },
        { sku: mug, quantity: 1 },
      ],
      shippingAddress: address('FR'),
      paymentToken: 'tok_approve',
    });
    expect(response.response.status).toBe(201);
    const order = response.data!;
    // 3 mugs x 12.50 + 1 plate x 8.99 = 46.49; 1.8 kg to FR (EU, up to 2 kg) = 9.90
    expect(order).toMatchObject({
      customerId: customer,
      status: 'PENDING',
      itemsTotal: { amount: 4649, currency: 'EUR' },
      shippingTotal: { amount: 990, currency: 'EUR' },
      total: { amount: 5639, currency: 'EUR' },
      totalWeightGrams: 1800,
    });
    expect(order.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sku: mug,
          quantity: 3,
          unitPrice: { amount: 1250, currency: 'EUR' },
          lineTotal: { amount: 3750, currency: 'EUR' },
        }),
      ]),
    );
    expect(order).not.toHaveProperty('paymentToken');

    const announced = await eventually(
      () => placedEvents.filter((e) => e.orderId === order.id),
      (found) => found.length === 1,
      'OrderPlaced',
    );
    expect(announced[0]).toMatchObject({
      customerId: customer,
      total: { amount: 5639, currency: 'EUR' },
    });
    // The view is written with the order: readable at once, no waiting for a projection.
    const view = await orderOf(customer, order.id);
    expect(view.response.status).toBe(200);
    expect(view.data).toEqual(order);
  });

  it('adds the view of an order that has none, with its current status', async () => {
    const customer = freshCustomer();
    const orderId = (
      await place(customer, {
        lines: [{ sku: plate, quantity: 1 }],
        shippingAddress: address('FR'),
        paymentToken: 'tok_approve',
      })
    ).data!.id;
    await bus.to(Ordering).send('ordering.reject', { orderId, reason: 'no stock' });
    const rejected = (await orderOf(customer, orderId)).data;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectReason: 'no stock' });

    // As an order whose view an earlier version had not projected yet when it was upgraded.
    const db = new pg.Client({ connectionString: testDatabase().adminUrl.href });
    await db.connect();
    try {
      await db.query('DELETE FROM ordering.order_views WHERE id = $1', [orderId]);
      expect((await orderOf(customer, orderId)).response.status).toBe(404);
      const { rows } = await db.query<{ added: number }>(
        'SELECT ordering.add_missing_order_views() AS added',
      );
      expect(rows[0]!.added).toBe(1);
      expect(
        (await db.query('SELECT ordering.add_missing_order_views() AS added')).rows[0],
      ).toEqual({
        added: 0,
      });
    } finally {
      await db.end();
    }
    expect((await orderOf(customer, orderId)).data).toEqual(rejected);
  });

  it('answers a repeated Idempotency-Key with the first response and places one order', async () => {
    const customer = freshCustomer();
    const key = freshKey();
    const body = {
      lines: [{ sku: mug, quantity: 1 }],
      shippingAddress: address(),
      paymentToken: 'tok_approve',
    };
    const responses = await Promise.all([1, 2, 3].map(() => place(customer, body, key)));
    expect(responses.map((r) => r.response.status)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((r) => r.data!.id)).size).toBe(1);
    const reordered = {
      paymentToken: 'tok_approve',
      shippingAddress: { ...address() },
      lines: [{ quantity: 1, sku: mug }],
    };
    expect((await place(customer, reordered, key)).data?.id).toBe(responses[0]!.data!.id);

    const reused = await place(customer, { ...body, lines: [{ sku: mug, quantity: 2 }] }, key);
    expect(reused.error).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const mine = await eventually(
      () => ordersOf(customer),
      (r) => r.data !== undefined && r.data.total >= 1,
      'the order list',
    );
    expect(mine.data!.total).toBe(1);
  });

  it('requires an Idempotency-Key', async () => {
    const response = await untyped(freshCustomer())('POST', '/orders', {
      lines: [{ sku: mug, quantity: 1 }],
      shippingAddress: address(),
      paymentToken: 'tok_approve',
    });
    expect(response.body).toMatchObject({
      status: 400,
      detail: expect.stringContaining('Idempotency-Key'),
    });
  });

  it('refuses bad orders with problem+json naming the fields or the business rule', async () => {
    const customer = freshCustomer();
    const invalid = await untyped(customer)(
      'POST',
      '/orders',
      {
        lines: [{ sku: mug, quantity: 0 }],
        shippingAddress: { ...address(), country: 'Germany' },
        paymentToken: '4111',
      },
      { 'idempotency-key': freshKey() },
    );
    expect(invalid.status).toBe(400);
    expect((invalid.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'lines[0].quantity',
      'paymentToken',
      'shippingAddress.country',
    ]);

    const unknown = await place(customer, {
      lines: [{ sku: 'NO-SUCH-SKU-9', quantity: 1 }],
      shippingAddress: address(),
      paymentToken: 'tok_approve',
    });
    expect(unknown.error).toMatchObject({
      status: 422,
      code: 'UNKNOWN_PRODUCTS',
      details: { skus: ['NO-SUCH-SKU-9'] },
    });

    const retired = await product({ amount: 100, currency: 'EUR' }, 100);
    await admin().POST('/catalog/products/{sku}/deactivate', {
      params: { path: { sku: retired } },
    });
    // Ordering prices from its copy of the catalog, which the deactivation reaches by an event.
    await untilOrderingSees(retired, { active: false });
    expect(
      (
        await place(customer, {
          lines: [{ sku: retired, quantity: 1 }],
          shippingAddress: address(),
          paymentToken: 'tok_approve',
        })
      ).error,
    ).toMatchObject({ status: 422, code: 'PRODUCTS_UNAVAILABLE' });

    const dollars = await product({ amount: 100, currency: 'USD' }, 100);
    expect(
      (
        await place(customer, {
          lines: [
            { sku: mug, quantity: 1 },
            { sku: dollars, quantity: 1 },
          ],
          shippingAddress: address(),
          paymentToken: 'tok_approve',
        })
      ).error,
    ).toMatchObject({ status: 422, code: 'MIXED_CURRENCIES' });

    expect(
      (
        await place(customer, {
          lines: [{ sku: mug, quantity: 1 }],
          shippingAddress: address('AQ'),
          paymentToken: 'tok_approve',
        })
      ).error,
    ).toMatchObject({
      status: 422,
      code: 'ORDER_UNDELIVERABLE',
      details: { reason: 'COUNTRY_NOT_SERVED' },
    });
  });

  it('moves an order only along PENDING → CONFIRMED | REJECTED | CANCELLED', async () => {
    const customer = freshCustomer();
    const confirmedId = (
      await place(customer, {
        lines: [{ sku: mug, quantity: 1 }],
        shippingAddress: address(),
        paymentToken: 'tok_approve',
      })
    ).data!.id;
    const confirmations = await Promise.all(
      [1, 2].map(() => bus.to(Ordering).send('ordering.confirm', { orderId: confirmedId })),
    );
    expect(confirmations.map((o) => o.status)).toEqual(['CONFIRMED', 'CONFIRMED']);
    expect(
      await failure(
        bus.to(Ordering).send('ordering.reject', { orderId: confirmedId, reason: 'late' }),
      ),
    ).toMatchObject({
      // Its own name: the order workflow completes a confirmed order instead of undoing it.
      name: 'OrderAlreadyConfirmedError',
      code: 'ORDER_ALREADY_CONFIRMED',
      details: { orderId: confirmedId },
    });
    expect((await cancel(customer, confirmedId)).error).toMatchObject({
      status: 409,
      code: 'ILLEGAL_ORDER_TRANSITION',
    });

    const rejectedId = (
      await place(customer, {
        lines: [{ sku: mug, quantity: 1 }],
        shippingAddress: address(),
        paymentToken: 'tok_decline',
      })
    ).data!.id;
    expect(
      await bus
        .to(Ordering)
        .send('ordering.reject', { orderId: rejectedId, reason: 'Your card was declined' }),
    ).toMatchObject({ status: 'REJECTED', rejectReason: 'Your card was declined' });

    const cancelledId = (
      await place(customer, {
        lines: [{ sku: mug, quantity: 1 }],
        shippingAddress: address(),
        paymentToken: 'tok_approve',
      })
    ).data!.id;
    expect((await cancel(customer, cancelledId)).data?.status).toBe('CANCELLED');

    const views = await eventually(
      async () =>
        Promise.all(
          [confirmedId, rejectedId, cancelledId].map(
            async (id) => (await orderOf(customer, id)).data,
          ),
        ),
      (found) => found.map((v) => v?.status).join() === 'CONFIRMED,REJECTED,CANCELLED',
      'the views to follow the transitions',
    );
    expect(views[1]).toMatchObject({ rejectReason: 'Your card was declined' });
    expect(
      await failure(bus.to(Ordering).send('ordering.confirm', { orderId: randomUUID() })),
    ).toMatchObject({ code: 'ORDER_NOT_FOUND' });
  });

  it('shows customers only their own orders; administrators see all', async () => {
    const owner = freshCustomer();
    const orderId = (
      await place(owner, {
        lines: [{ sku: plate, quantity: 1 }],
        shippingAddress: address(),
        paymentToken: 'tok_approve',
      })
    ).data!.id;
    await eventually(
      () => orderOf(owner, orderId),
      (r) => r.response.status === 200,
      'the order view',
    );
    const stranger = freshCustomer();
    // Another customer's order answers as if it did not exist: an id reveals nothing.
    expect((await orderOf(stranger, orderId)).error).toMatchObject({
      status: 404,
      code: 'ORDER_NOT_FOUND',
    });
    expect((await ordersOf(owner, stranger)).response.status).toBe(403);
    expect((await cancel(stranger, orderId)).response.status).toBe(404);
    expect((await orderOf('ops', orderId, ['admin'])).response.status).toBe(200);
    expect((await ordersOf(owner, 'ops', ['admin'])).data?.total).toBe(1);
    expect(
      (await untyped(owner)('GET', `/orders/${orderId}`, undefined, { authorization: '' })).status,
    ).toBe(401);
  });

  it('lists a customer’s orders newest first, page by page (typed client)', async () => {
    const customer = freshCustomer();
    const api = seamApi(monolith, customer);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data, response } = await api.POST('/orders', {
        params: { header: { 'Idempotency-Key': freshKey() } },
        body: {
          lines: [{ sku: mug, quantity: i + 1 }],
          shippingAddress: address(),
          paymentToken: 'tok_approve',
        },
      });
      expect(response.status).toBe(201);
      expect(data!.status).toBe('PENDING');
      ids.push(data!.id);
    }
    const page = (page: number) =>
      api.GET('/customers/{id}/orders', {
        params: { path: { id: customer }, query: { page, pageSize: 2 } },
      });
    const first = (await page(1)).data!;
    expect(first.total).toBe(3);
    const second = (await page(2)).data!;
    expect([...first.items, ...second.items].map((order) => order.id)).toEqual([...ids].reverse());

    const { error, response } = await api.GET('/orders/{id}', {
      params: { path: { id: randomUUID() } },
    });
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ code: 'ORDER_NOT_FOUND' });
  });

  it('gives other modules the order with its payment token', async () => {
    const customer = freshCustomer();
    const orderId = (
      await place(customer, {
        lines: [{ sku: mug, quantity: 1 }],
        shippingAddress: address(),
        paymentToken: 'tok_flaky',
      })
    ).data!.id;
    expect(await bus.to(Ordering).send('ordering.get-order', { orderId })).toMatchObject({
      id: orderId,
      paymentToken: 'tok_flaky',
      total: { amount: 1740 },
    });
  });
});
