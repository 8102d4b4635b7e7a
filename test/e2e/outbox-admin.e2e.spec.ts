import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventually } from '../support/eventually.js';
import { placeOrder } from '../support/shop.js';
import {
  clientsFor,
  freshSku,
  startMonolith,
  type TestApplication,
} from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

describe('operators: parked outbox events', () => {
  let monolith: TestApplication;
  const admin = clientsFor(() => monolith)('ops', ['admin']);

  beforeAll(async () => {
    monolith = await startMonolith({ runWorkflows: false });
  });

  afterAll(async () => {
    await monolith.close();
  });

  it('lists a parked event with its last error and delivers it again on redrive', async () => {
    const customer = `cust-${randomUUID()}`;
    const sku = freshSku('PARK');
    await admin('POST', '/catalog/products', {
      sku,
      name: 'Lamp',
      price: { amount: 2000, currency: 'EUR' },
      weightGrams: 500,
    });
    const order = await placeOrder(clientsFor(() => monolith)(customer), [{ sku, quantity: 1 }]);

    // An announcement that failed ten times (say notifications was down) and was parked.
    const eventId = randomUUID();
    const db = new pg.Client({ connectionString: testDatabase().adminUrl.href });
    await db.connect();
    await db.query(
      `INSERT INTO shipping.outbox (id, pattern, aggregate_id, payload, headers, attempts, parked_at, last_error)
       VALUES ($1, 'shipping.shipment-created', $2, $3, $4, 10, now(), 'InternalError: notifications unavailable')`,
      [
        eventId,
        order.body.id,
        JSON.stringify({
          orderId: order.body.id,
          trackingNumber: 'SEAMPARKED0001',
          carrier: 'SEAM-POST',
          createdAt: new Date().toISOString(),
        }),
        JSON.stringify({ messageId: eventId, correlationId: 'parked-test', caller: 'shipping' }),
      ],
    );
    await db.end();

    const parked = await admin('GET', '/admin/outbox/parked');
    expect(parked.status).toBe(200);
    const shipping = (parked.body as { module: string; events: { id: string }[] }[]).find(
      (entry) => entry.module === 'shipping',
    );
    expect(shipping!.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: eventId,
          attempts: 10,
          lastError: 'InternalError: notifications unavailable',
        }),
      ]),
    );

    expect(
      (await admin('POST', '/admin/outbox/shipping/redrive', { ids: [eventId] })).body,
    ).toEqual({ module: 'shipping', redriven: 1 });
    const messages = await eventually(
      async () => (await admin('GET', `/customers/${customer}/notifications`)).body,
      (page) => page.total === 1,
      'the redriven shipment message',
    );
    expect(messages.items[0].body).toContain('SEAMPARKED0001');
  });

  it('answers 404 for a module without an outbox here, and 403 for non-administrators', async () => {
    expect((await admin('POST', '/admin/outbox/nowhere/redrive', {})).status).toBe(404);
    const customer = clientsFor(() => monolith)('c1');
    expect((await customer('GET', '/admin/outbox/parked')).status).toBe(403);
  });
});
