import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { placeOrderVia, seamApi, type SeamApi } from '../support/api-client.js';
import { untilOrderingSees } from '../support/catalog-copy.js';
import { testDatabase } from '../support/test-database.js';
import { freshSku, startMonolith, type TestApplication } from '../support/test-application.js';

/** Domestic shipping of a parcel up to 2 kg, added to every test order. */
const SHIPPING = 490;

/**
 * Placing an order prices it from ordering's copy of the catalog, kept by the catalog's
 * ProductChanged events (no call to catalog per order); a price change reaches the next order.
 */
describe("ordering's copy of the catalog", () => {
  let monolith: TestApplication;
  let admin: SeamApi;
  let customer: SeamApi;
  const changePrice = (sku: string, amount: number) =>
    admin.PUT('/catalog/products/{sku}/price', {
      params: { path: { sku } },
      body: { amount, currency: 'EUR' },
    });
  const lookups = async (result: 'hit' | 'miss') => {
    const text = await (await fetch(`${monolith.baseUrl}/metrics`)).text();
    const line = new RegExp(`seam_ordering_product_lookups_total\\{result="${result}"\\} (\\d+)`);
    return Number(line.exec(text)?.[1] ?? 0);
  };
  beforeAll(async () => {
    monolith = await startMonolith();
    admin = seamApi(monolith, 'ops', ['admin']);
    customer = seamApi(monolith, 'price-watcher');
  });

  afterAll(async () => {
    await monolith.close();
  });

  it('prices the next order at a changed price, without asking catalog for a product it knows', async () => {
    const sku = freshSku('PRICE');
    const created = await admin.POST('/catalog/products', {
      body: { sku, name: 'Teapot', price: { amount: 2500, currency: 'EUR' }, weightGrams: 900 },
    });
    expect(created.response.status).toBe(201);
    await untilOrderingSees(sku, { priceAmount: 2500 });
    const hitsBefore = await lookups('hit');
    const missesBefore = await lookups('miss');
    const first = await placeOrderVia(customer, [{ sku, quantity: 1 }]);
    expect(first.data?.total).toEqual({ amount: 2500 + SHIPPING, currency: 'EUR' });
    expect(await lookups('hit')).toBe(hitsBefore + 1);
    expect(await lookups('miss')).toBe(missesBefore);

    const repriced = await changePrice(sku, 1800);
    expect(repriced.response.status).toBe(200);
    await untilOrderingSees(sku, { priceAmount: 1800 });
    const next = await placeOrderVia(customer, [{ sku, quantity: 1 }]);
    expect(next.data?.total).toEqual({ amount: 1800 + SHIPPING, currency: 'EUR' });

    await admin.POST('/catalog/products/{sku}/deactivate', { params: { path: { sku } } });
    await untilOrderingSees(sku, { active: false });
    const refused = await placeOrderVia(customer, [{ sku, quantity: 1 }]);
    expect(refused.response.status).toBe(422);
  });

  it('keeps the last of concurrent price changes, each told by its own ProductChanged, in order', async () => {
    const sku = freshSku('RACE');
    expect(
      (
        await admin.POST('/catalog/products', {
          body: {
            sku,
            name: 'Kettle',
            price: { amount: 1000, currency: 'EUR' },
            weightGrams: 1200,
          },
        })
      ).response.status,
    ).toBe(201);
    const amounts = [1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008];
    const answers = await Promise.all(amounts.map((amount) => changePrice(sku, amount)));
    expect(answers.map((answer) => answer.response.status)).toEqual(amounts.map(() => 200));

    const events = await productChangedEvents(sku);
    expect(events).toHaveLength(1 + amounts.length);
    expect(events.map((event) => event.price.amount).sort((a, b) => a - b)).toEqual([
      1000,
      ...amounts,
    ]);
    // Each answer is the state its own change left, as its event tells it.
    for (const { data } of answers) {
      expect(events).toContainEqual(
        expect.objectContaining({ price: data!.price, updatedAt: data!.updatedAt }),
      );
    }
    // Delivered in this order, each strictly newer: a copy keeping the newest keeps the last.
    const times = events.map((event) => Date.parse(event.updatedAt));
    times.slice(1).forEach((time, i) => expect(time).toBeGreaterThan(times[i]!));
    const last = events.at(-1)!;
    const stored = await admin.GET('/catalog/products/{sku}', { params: { path: { sku } } });
    expect(stored.data).toMatchObject({ price: last.price, updatedAt: last.updatedAt });
    await untilOrderingSees(sku, { priceAmount: last.price.amount });
  });
});

interface ProductChangedPayload {
  price: { amount: number; currency: string };
  updatedAt: string;
}

/** The ProductChanged events catalog recorded for `sku`, in delivery order. */
async function productChangedEvents(sku: string): Promise<ProductChangedPayload[]> {
  const db = new pg.Client({ connectionString: testDatabase().adminUrl.href });
  await db.connect();
  try {
    const { rows } = await db.query<{ payload: ProductChangedPayload }>(
      `SELECT payload FROM catalog.outbox
        WHERE pattern = 'catalog.product-changed' AND aggregate_id = $1 ORDER BY position`,
      [sku],
    );
    return rows.map((row) => row.payload);
  } finally {
    await db.end();
  }
}
