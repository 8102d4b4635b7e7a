import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { Catalog } from '#contracts/catalog';
import { MessagingModule, ModuleBus, ModuleError } from '#platform/messaging';
import { dataOf, seamApi, type SeamApi, type Schema } from '../support/api-client.js';
import {
  clientsFor,
  freshSku,
  startMonolith,
  type TestApplication,
  tokenFor,
} from '../support/test-application.js';

/** A caller module that exists only in this test, to reach catalog over the bus. */
@Module({ imports: [MessagingModule.forModule('ordering_probe')], exports: [MessagingModule] })
class CallerModule {}

describe('catalog over HTTP and over the bus', () => {
  let monolith: TestApplication;
  let api: SeamApi;
  /** For what the contract forbids or a typed client cannot send: bad fields, raw bodies, headers. */
  const http = clientsFor(() => monolith)('ops', ['admin']);

  const blueMug = (sku: string) => ({
    sku,
    name: 'Blue mug',
    description: 'Stoneware',
    price: { amount: 1999, currency: 'EUR' },
    weightGrams: 420,
  });
  const createProduct = (sku: string, overrides: Partial<Schema<'CreateProductRequest'>> = {}) =>
    api.POST('/catalog/products', { body: { ...blueMug(sku), ...overrides } });
  const getProduct = (sku: string) =>
    api.GET('/catalog/products/{sku}', { params: { path: { sku } } });
  const deactivate = (sku: string) =>
    api.POST('/catalog/products/{sku}/deactivate', { params: { path: { sku } } });

  beforeAll(async () => {
    monolith = await startMonolith([CallerModule]);
    api = seamApi(monolith, 'ops', ['admin']);
  });

  afterAll(async () => {
    await monolith.close();
  });

  it('creates a product and serves it by SKU', async () => {
    const sku = freshSku();
    const created = await createProduct(sku);
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      sku,
      price: { amount: 1999, currency: 'EUR' },
      weightGrams: 420,
      active: true,
    });

    const fetched = await getProduct(sku);
    expect(fetched.response.status).toBe(200);
    expect(fetched.data).toEqual(created.data);
  });

  it('answers 409 problem+json for a duplicate SKU and keeps the first product', async () => {
    const sku = freshSku();
    await createProduct(sku);
    const duplicate = await createProduct(sku, { name: 'Other' });
    expect(duplicate.response.status).toBe(409);
    expect(duplicate.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(duplicate.error).toMatchObject({
      status: 409,
      code: 'PRODUCT_ALREADY_EXISTS',
      details: { sku },
    });
    expect(dataOf(await getProduct(sku)).name).toBe('Blue mug');
  });

  it('answers 400 problem+json naming every bad field, and stores nothing', async () => {
    const sku = freshSku();
    const response = await http('POST', '/catalog/products', {
      ...blueMug(sku),
      name: '',
      price: { amount: 19.99, currency: 'EURO' },
      weightGrams: -1,
      colour: 'blue',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['colour', 'name', 'price.amount', 'price.currency', 'weightGrams']);
    expect((await getProduct(sku)).response.status).toBe(404);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await http('POST', '/catalog/products', '{"sku": ');
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe('The request body is not valid JSON');
  });

  it('answers 404 problem+json for an unknown SKU', async () => {
    const { error, response } = await getProduct('NO-SUCH-SKU-1');
    expect(response.status).toBe(404);
    expect(error).toMatchObject({
      code: 'PRODUCT_NOT_FOUND',
      instance: '/catalog/products/NO-SUCH-SKU-1',
    });
  });

  it('changes a price and keeps it in integer minor units', async () => {
    const sku = freshSku();
    await createProduct(sku);
    const changePrice = (sku: string, price: Schema<'MoneyDto'>) =>
      api.PUT('/catalog/products/{sku}/price', { params: { path: { sku } }, body: price });
    const changed = await changePrice(sku, { amount: 2450, currency: 'EUR' });
    expect(changed.response.status).toBe(200);
    expect(changed.data!.price).toEqual({ amount: 2450, currency: 'EUR' });
    // A validation error: the contract asks for whole minor units.
    expect(
      (await http('PUT', `/catalog/products/${sku}/price`, { amount: 24.5, currency: 'EUR' }))
        .status,
    ).toBe(400);
    expect(
      (await changePrice('NO-SUCH-SKU-2', { amount: 1, currency: 'EUR' })).response.status,
    ).toBe(404);
  });

  it('deactivates a product, and deactivating again changes nothing', async () => {
    const sku = freshSku();
    await createProduct(sku);
    const first = await deactivate(sku);
    const second = await deactivate(sku);
    expect(first.response.status).toBe(200);
    expect(first.data!.active).toBe(false);
    expect(second.response.status).toBe(200);
    expect(second.data!.active).toBe(false);
  });

  it('lists products page by page, filtered by active', async () => {
    const prefix = freshSku('LIST');
    const skus = [`${prefix}-A`, `${prefix}-B`, `${prefix}-C`];
    for (const sku of skus) await createProduct(sku);
    await deactivate(skus[1]);
    const list = (query: { page?: number; pageSize?: number; active?: boolean }) =>
      api.GET('/catalog/products', { params: { query } });

    const inactive = await list({ active: false, pageSize: 100 });
    expect(inactive.response.status).toBe(200);
    const inactiveSkus = inactive.data!.items.map((p) => p.sku);
    expect(inactiveSkus).toContain(skus[1]);
    expect(inactiveSkus).not.toContain(skus[0]);

    const page1 = dataOf(await list({ page: 1, pageSize: 2 }));
    const page2 = dataOf(await list({ page: 2, pageSize: 2 }));
    expect(page1).toMatchObject({ page: 1, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThanOrEqual(3);
    expect(page1.items[1].sku < page2.items[0].sku).toBe(true);

    // Validation errors: more than the largest page, and a filter that is not a boolean.
    expect((await http('GET', '/catalog/products?pageSize=101')).status).toBe(400);
    expect((await http('GET', '/catalog/products?active=maybe')).status).toBe(400);
  });

  it('lets anyone read the catalog, but only administrators change it', async () => {
    const sku = freshSku();
    const customer = `Bearer ${await tokenFor('c1')}`;
    expect((await createProduct(sku)).response.status).toBe(201);
    expect(
      (await http('GET', `/catalog/products/${sku}`, undefined, { authorization: '' })).status,
    ).toBe(200);
    const anonymous = await http('POST', `/catalog/products/${sku}/deactivate`, undefined, {
      authorization: '',
    });
    expect(anonymous.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const notAdmin = await http('POST', `/catalog/products/${sku}/deactivate`, undefined, {
      authorization: customer,
    });
    expect(notAdmin.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const forged = await http('POST', `/catalog/products/${sku}/deactivate`, undefined, {
      authorization: `${customer}x`,
    });
    expect(forged.status).toBe(401);
  });

  it('echoes a well-formed x-correlation-id and puts it in problem bodies', async () => {
    const response = await http('GET', '/catalog/products/NO-SUCH-SKU-3', undefined, {
      'x-correlation-id': 'trace-77',
    });
    expect(response.headers.get('x-correlation-id')).toBe('trace-77');
    expect(response.body.correlationId).toBe('trace-77');
  });

  describe('over the bus', () => {
    let bus: ModuleBus;

    beforeAll(() => {
      bus = monolith.app.select(CallerModule).get(ModuleBus);
    });

    it('returns prices and weights of the SKUs asked for, and names the missing ones', async () => {
      const sku = freshSku();
      await createProduct(sku, { price: { amount: 500, currency: 'USD' }, weightGrams: 90 });
      const reply = await bus
        .to(Catalog)
        .send('catalog.get-products', { skus: [sku, 'NO-SUCH-SKU-4'] });
      expect(reply.products).toEqual([
        expect.objectContaining({ sku, price: { amount: 500, currency: 'USD' }, weightGrams: 90 }),
      ]);
      expect(reply.missing).toEqual(['NO-SUCH-SKU-4']);
    });

    it('rejects malformed SKUs at the catalog with VALIDATION_FAILED', async () => {
      const error = await bus
        .to(Catalog)
        .send('catalog.get-products', { skus: ['not a sku'] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModuleError);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
});
