import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { untilOrderingSees } from '../support/catalog-copy.js';
import { placeOrder } from '../support/shop.js';
import {
  clientsFor,
  freshSku,
  startMonolith,
  type TestApplication,
} from '../support/test-application.js';

/** Domestic shipping of a parcel up to 2 kg, added to every test order. */
const SHIPPING = 490;

/**
 * Placing an order prices it from ordering's copy of the catalog, kept by the catalog's
 * ProductChanged events (no call to catalog per order); a price change reaches the next order.
 */
describe("ordering's copy of the catalog", () => {
  let monolith: TestApplication;
  const admin = clientsFor(() => monolith)('ops', ['admin']);
  const customer = clientsFor(() => monolith)('price-watcher');
  const lookups = async (result: 'hit' | 'miss') => {
    const text = await (await fetch(`${monolith.baseUrl}/metrics`)).text();
    const line = new RegExp(`seam_ordering_product_lookups_total\\{result="${result}"\\} (\\d+)`);
    return Number(line.exec(text)?.[1] ?? 0);
  };
  beforeAll(async () => {
    monolith = await startMonolith();
  });

  afterAll(async () => {
    await monolith.close();
  });

  it('prices the next order at a changed price, without asking catalog for a product it knows', async () => {
    const sku = freshSku('PRICE');
    const created = await admin('POST', '/catalog/products', {
      sku,
      name: 'Teapot',
      price: { amount: 2500, currency: 'EUR' },
      weightGrams: 900,
    });
    expect(created.status).toBe(201);
    await untilOrderingSees(sku, { priceAmount: 2500 });
    const hitsBefore = await lookups('hit');
    const missesBefore = await lookups('miss');
    const first = await placeOrder(customer, [{ sku, quantity: 1 }]);
    expect(first.body.total).toEqual({ amount: 2500 + SHIPPING, currency: 'EUR' });
    expect(await lookups('hit')).toBe(hitsBefore + 1);
    expect(await lookups('miss')).toBe(missesBefore);

    const repriced = await admin('PUT', `/catalog/products/${sku}/price`, {
      amount: 1800,
      currency: 'EUR',
    });
    expect(repriced.status).toBe(200);
    await untilOrderingSees(sku, { priceAmount: 1800 });
    const next = await placeOrder(customer, [{ sku, quantity: 1 }]);
    expect(next.body.total).toEqual({ amount: 1800 + SHIPPING, currency: 'EUR' });

    await admin('POST', `/catalog/products/${sku}/deactivate`);
    await untilOrderingSees(sku, { active: false });
    const refused = await placeOrder(customer, [{ sku, quantity: 1 }]);
    expect(refused.status).toBe(422);
  });
});
