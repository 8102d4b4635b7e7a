import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import pg from 'pg';
import { Ordering } from '#contracts/ordering';
import { MessagingModule, ModuleBus, type ModuleError } from '#platform/messaging';
import { httpClient, type HttpResponse } from '../support/http-client.js';
import { shippingAddress } from '../support/shop.js';
import {
  clientsFor,
  freshSku,
  startMonolith,
  tokenFor,
  type TestApplication,
} from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

@Module({ imports: [MessagingModule.forModule('hostile_probe')], exports: [MessagingModule] })
class CallerModule {}

const freshCustomer = () => `hostile-${randomUUID()}`;
const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });

/**
 * Requests an outside tester sent to break the front door: each must get a 4xx (never a 5xx)
 * and write nothing. Rows are counted by the case's own fresh SKU or customer id.
 */
describe('hostile input', () => {
  let monolith: TestApplication;
  let db: pg.Client;
  let bus: ModuleBus;
  let sku: string;
  const as = clientsFor(() => monolith);
  const admin = as('ops', ['admin']);

  const count = async (sql: string, value: string): Promise<number> =>
    Number((await db.query<{ n: string }>(sql, [value])).rows[0]!.n);
  const productsWithSku = (value: string) =>
    count('SELECT count(*) AS n FROM catalog.products WHERE sku = $1', value);
  const ordersOf = async (customer: string) =>
    (await count('SELECT count(*) AS n FROM ordering.orders WHERE customer_id = $1', customer)) +
    (await count(
      'SELECT count(*) AS n FROM ordering.idempotency_keys WHERE customer_id = $1',
      customer,
    ));

  beforeAll(async () => {
    monolith = await startMonolith({ extraModules: [CallerModule], runWorkflows: false });
    bus = monolith.app.select(CallerModule).get(ModuleBus);
    db = new pg.Client({ connectionString: testDatabase().adminUrl.href });
    await db.connect();
    sku = freshSku('HOSTILE');
    const created = await admin('POST', '/catalog/products', {
      sku,
      name: 'Hostile mug',
      price: { amount: 100, currency: 'EUR' },
      weightGrams: 10,
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await db?.end();
    await monolith?.close();
  });

  const order = (lines: unknown, address: unknown = shippingAddress()) => ({
    lines,
    shippingAddress: address,
    paymentToken: 'tok_approve',
  });
  const place = (customer: string, body: unknown) =>
    as(customer)('POST', '/orders', body, { 'idempotency-key': `key-${randomUUID()}` });
  const product = (fields: Record<string, unknown>) => ({
    name: 'Mug',
    price: { amount: 100, currency: 'EUR' },
    weightGrams: 10,
    ...fields,
  });

  /** A case sends its request as a fresh SKU or customer and says how many rows that one owns. */
  interface HostileCase {
    readonly status: number;
    /** The field the problem names, when it is a validation failure. */
    readonly field?: string;
    readonly send: (id: string) => Promise<HttpResponse>;
    readonly writes: 'product' | 'order';
  }
  const productCase = (
    status: number,
    fields: Record<string, unknown>,
    field?: string,
  ): HostileCase => ({
    status,
    field,
    writes: 'product',
    send: (id) => admin('POST', '/catalog/products', product({ sku: id, ...fields })),
  });
  const orderCase = (status: number, body: () => unknown, field?: string): HostileCase => ({
    status,
    field,
    writes: 'order',
    send: (customer) => place(customer, body()),
  });
  const rawOrderCase = (status: number, text: () => string): HostileCase => ({
    status,
    writes: 'order',
    send: (customer) => place(customer, text()),
  });
  const line = (quantity: unknown) => [{ sku, quantity }];

  const cases: Record<string, HostileCase> = {
    'NUL in a product name': productCase(400, { name: 'Mug\u0000' }, 'name'),
    'a lone surrogate in a product name': productCase(400, { name: 'Mug \ud800' }, 'name'),
    'NUL in a field name': productCase(400, { 'name\u0000': 'x' }),
    '150 × a + variation selector (300 characters) as a name': productCase(
      400,
      { name: 'a\ufe0f'.repeat(150) },
      'name',
    ),
    'a letter with 300 combining marks as a name': productCase(
      400,
      { name: 'e' + '\u0301'.repeat(300) },
      'name',
    ),
    'a price of 1e309': {
      status: 400,
      writes: 'product',
      send: (id) =>
        admin(
          'POST',
          '/catalog/products',
          `{"sku":"${id}","name":"Mug","price":{"amount":1e309,"currency":"EUR"},"weightGrams":10}`,
        ),
    },
    'a __proto__ field': {
      status: 400,
      field: '__proto__',
      writes: 'product',
      send: (id) =>
        admin(
          'POST',
          '/catalog/products',
          `{"sku":"${id}","name":"Mug","price":{"amount":1,"currency":"EUR"},"weightGrams":10,"__proto__":{"admin":true}}`,
        ),
    },
    'NUL in the shipping address': orderCase(
      400,
      () => order(line(1), { ...shippingAddress(), line1: 'Hauptstraße 1\u0000' }),
      'shippingAddress.line1',
    ),
    'a lone low surrogate in the shipping address': orderCase(
      400,
      () => order(line(1), { ...shippingAddress(), name: '\udfffAda' }),
      'shippingAddress.name',
    ),
    'two lines of one SKU at the cap (2,000 in all)': orderCase(
      400,
      () => order([...line(1000), ...line(1000)]),
      'lines[1].quantity',
    ),
    'a quantity of 1e309 (Infinity)': rawOrderCase(400, () =>
      JSON.stringify(order(line(1))).replace('"quantity":1', '"quantity":1e309'),
    ),
    'a quantity of -0': rawOrderCase(400, () =>
      JSON.stringify(order(line(1))).replace('"quantity":1', '"quantity":-0'),
    ),
    'a fractional quantity': orderCase(400, () => order(line(1.5)), 'lines[0].quantity'),
    'a quantity as a string': orderCase(400, () => order(line('1')), 'lines[0].quantity'),
    '1,000 lines': orderCase(400, () => order(Array.from({ length: 1000 }, () => line(1)[0]))),
    'JSON nested 2,000 deep': rawOrderCase(400, () => '['.repeat(2000) + ']'.repeat(2000)),
    'an address nested 40 deep': orderCase(400, () => order(line(1), nested(40))),
    'a body over 100 kB': orderCase(413, () => order(line(1), { name: 'x'.repeat(200_000) })),
    'a form-encoded body': {
      status: 400,
      writes: 'order',
      send: async (customer) => {
        const response = await fetch(`${monolith.baseUrl}/orders`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await tokenFor(customer)}`,
            'content-type': 'application/x-www-form-urlencoded',
            'idempotency-key': `key-${randomUUID()}`,
          },
          body: `lines[0][sku]=${sku}&lines[0][quantity]=1&paymentToken=tok_approve`,
        });
        return { status: response.status, headers: response.headers, body: await response.json() };
      },
    },
    'a token whose subject is 3,000 characters': {
      status: 401,
      writes: 'order',
      send: (customer) =>
        httpClient(
          () => monolith.baseUrl,
          () => tokenFor(customer.padEnd(3000, 'x')),
        )('POST', '/orders', order(line(1)), { 'idempotency-key': `key-${randomUUID()}` }),
    },
    'a JSON null body': rawOrderCase(400, () => 'null'),
    'an empty body': rawOrderCase(400, () => ''),
    'a token whose subject holds NUL': {
      status: 401,
      writes: 'order',
      send: (customer) => {
        const forged = httpClient(
          () => monolith.baseUrl,
          () => tokenFor(`${customer}\u0000`),
        );
        return forged('POST', '/orders', order(line(1)), {
          'idempotency-key': `key-${randomUUID()}`,
        });
      },
    },
  };

  it.each(Object.entries(cases))('refuses %s with a 4xx and writes nothing', async (_, hostile) => {
    const id = hostile.writes === 'product' ? freshSku('HOSTILE') : freshCustomer();
    const response = await hostile.send(id);
    expect(response.status).toBe(hostile.status);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    if (hostile.field)
      expect(response.body.errors).toContainEqual(
        expect.objectContaining({ field: hostile.field }),
      );
    expect(hostile.writes === 'product' ? await productsWithSku(id) : await ordersOf(id)).toBe(0);
  });

  it.each([
    ['NUL in a path segment', '/orders/%00', 400],
    ['NUL in a SKU path segment', '/catalog/products/%00', 400],
    ['NUL in a customer path segment', '/customers/%00/orders', 400],
    ['a lone surrogate (bad UTF-8) in a path segment', '/catalog/products/%ED%A0%80', 400],
    ['NUL in a query string', '/catalog/products?page=%00', 400],
    ['a page of 1e309', '/catalog/products?page=1e309', 400],
    ['a page given twice', '/catalog/products?page=1&page=2', 400],
    ['a page of -0', '/catalog/products?page=-0', 400],
    ['an order id that is not a UUID', '/orders/not-a-uuid', 400],
    ['an order that does not exist', `/orders/${randomUUID()}`, 404],
  ])('answers %s with a 4xx', async (_, path, status) => {
    const response = await as(freshCustomer())('GET', path);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ status });
  });

  it('accepts a name of 200 emoji: PostgreSQL counts 200 characters, not 400 UTF-16 units', async () => {
    const id = freshSku('HOSTILE');
    const created = await admin(
      'POST',
      '/catalog/products',
      product({ sku: id, name: '😀'.repeat(200) }),
    );
    expect(created.status).toBe(201);
    expect(await productsWithSku(id)).toBe(1);
  });

  it('accepts two lines of one SKU that add up to the cap', async () => {
    const customer = freshCustomer();
    const placed = await place(customer, order([...line(400), ...line(600)]));
    expect(placed.status).toBe(201);
    expect(placed.body.lines).toEqual([expect.objectContaining({ sku, quantity: 1000 })]);
  });

  it('refuses a message payload holding NUL with VALIDATION_FAILED, like HTTP', async () => {
    const error = await bus
      .to(Ordering)
      .send('ordering.reject', { orderId: randomUUID(), reason: 'no\u0000' })
      .then(
        () => undefined,
        (failure: unknown) => failure as ModuleError,
      );
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(error?.message).toContain('reason');
  });
});
