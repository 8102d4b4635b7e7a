import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import pg from 'pg';
import { Inventory } from '#contracts/inventory';
import { MessagingModule, ModuleBus, ModuleError } from '#platform/messaging';
import { ReleaseExpiredReservationsHandler } from '../../libs/modules/inventory/src/commands/release-expired-reservations/release-expired-reservations.handler.js';
import { dataOf, seamApi, type SeamApi } from '../support/api-client.js';
import { eventually } from '../support/eventually.js';
import {
  clientsFor,
  freshSku,
  startMonolith,
  type TestApplication,
} from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

@Module({ imports: [MessagingModule.forModule('inventory_probe')], exports: [MessagingModule] })
class CallerModule {}

const freshOrder = () => `order-${Math.random().toString(36).slice(2, 12)}`;

describe('inventory', () => {
  let monolith: TestApplication;
  let bus: ModuleBus;
  let api: SeamApi;
  /** For what the contract forbids: validation errors. */
  const http = clientsFor(() => monolith)('ops', ['admin']);

  const setStock = (sku: string, warehouse: string, onHand: number) =>
    api.PUT('/inventory/stock/{sku}/{warehouse}', {
      params: { path: { sku, warehouse } },
      body: { onHand },
    });
  const stockOf = (sku: string) => api.GET('/inventory/stock/{sku}', { params: { path: { sku } } });

  /** A catalog product with the given units on hand per warehouse. */
  async function stockedSku(levels: Record<string, number>): Promise<string> {
    const sku = freshSku('INV');
    const created = await api.POST('/catalog/products', {
      body: { sku, name: 'Thing', price: { amount: 100, currency: 'EUR' }, weightGrams: 100 },
    });
    expect(created.response.status).toBe(201);
    for (const [warehouse, onHand] of Object.entries(levels)) {
      expect((await setStock(sku, warehouse, onHand)).response.status).toBe(200);
    }
    return sku;
  }

  const levels = async (sku: string) =>
    Object.fromEntries(
      dataOf(await stockOf(sku)).map((l) => [l.warehouse, [l.onHand, l.reserved]]),
    );

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as ModuleError,
    );

  beforeAll(async () => {
    process.env.SEAM_RESERVATION_SWEEP_INTERVAL_MS = '50';
    monolith = await startMonolith([CallerModule]);
    bus = monolith.app.select(CallerModule).get(ModuleBus);
    api = seamApi(monolith, 'ops', ['admin']);
  });

  afterAll(async () => {
    delete process.env.SEAM_RESERVATION_SWEEP_INTERVAL_MS;
    await monolith.close();
  });

  it('reserves from the warehouses with the most available, and a repeated reserve returns the same reservation', async () => {
    const sku = await stockedSku({ A: 3, B: 5 });
    const orderId = freshOrder();
    const first = await bus
      .to(Inventory)
      .send('inventory.reserve', { orderId, lines: [{ sku, quantity: 6 }] });
    expect(first).toMatchObject({
      orderId,
      status: 'HELD',
      lines: [
        { sku, warehouse: 'A', quantity: 1 },
        { sku, warehouse: 'B', quantity: 5 },
      ],
    });
    expect(new Date(first.expiresAt!).getTime()).toBeGreaterThan(Date.now());

    const again = await bus
      .to(Inventory)
      .send('inventory.reserve', { orderId, lines: [{ sku, quantity: 6 }] });
    expect(again).toEqual(first);
    expect(await levels(sku)).toEqual({ A: [3, 1], B: [5, 5] });
  });

  it('reserves all lines or none, and names the SKU that is short', async () => {
    const plenty = await stockedSku({ A: 10 });
    const scarce = await stockedSku({ A: 1 });
    const orderId = freshOrder();
    const error = await failure(
      bus.to(Inventory).send('inventory.reserve', {
        orderId,
        lines: [
          { sku: plenty, quantity: 2 },
          { sku: scarce, quantity: 2 },
        ],
      }),
    );
    expect(error).toMatchObject({
      name: 'OutOfStockError',
      code: 'OUT_OF_STOCK',
      details: { sku: scarce, requested: 2, available: 1 },
    });
    expect(await levels(plenty)).toEqual({ A: [10, 0] });
    expect(
      dataOf(await api.GET('/inventory/reservations/{orderId}', { params: { path: { orderId } } }))
        .status,
    ).toBe('NONE');
  });

  it('never reserves more than there is: 100 concurrent orders for 10 units hold exactly 10', async () => {
    const sku = await stockedSku({ A: 6, B: 4 });
    // The 100 queue for the same rows and a pool of connections: on a busy machine the last
    // can wait longer than the default deadline, which is not what this test is about.
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () =>
        bus
          .to(Inventory)
          .send(
            'inventory.reserve',
            { orderId: freshOrder(), lines: [{ sku, quantity: 1 }] },
            { timeoutMs: 60_000 },
          ),
      ),
    );
    const held = results.filter((r) => r.status === 'fulfilled');
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason as ModuleError);
    expect(held).toHaveLength(10);
    expect(refused).toHaveLength(90);
    expect(new Set(refused.map((e) => e.code))).toEqual(new Set(['OUT_OF_STOCK']));
    expect(await levels(sku)).toEqual({ A: [6, 6], B: [4, 4] });
  });

  it('releases held stock once, however often asked, and treats an order that reserved nothing as released', async () => {
    const sku = await stockedSku({ A: 5 });
    const orderId = freshOrder();
    await bus.to(Inventory).send('inventory.reserve', { orderId, lines: [{ sku, quantity: 2 }] });
    const released = await Promise.all(
      [1, 2, 3].map(() => bus.to(Inventory).send('inventory.release', { orderId })),
    );
    expect(released.map((r) => r.status)).toEqual(['RELEASED', 'RELEASED', 'RELEASED']);
    expect(await levels(sku)).toEqual({ A: [5, 0] });
    expect(
      await bus.to(Inventory).send('inventory.release', { orderId: freshOrder() }),
    ).toMatchObject({ status: 'NONE', lines: [] });
    // Asking to reserve again must not pass for the hold that is gone.
    expect(
      await failure(
        bus.to(Inventory).send('inventory.reserve', { orderId, lines: [{ sku, quantity: 2 }] }),
      ),
    ).toMatchObject({
      code: 'RESERVATION_RELEASED',
    });
  });

  it('commits held stock once, and refuses to release it afterwards', async () => {
    const sku = await stockedSku({ A: 5 });
    const orderId = freshOrder();
    await bus.to(Inventory).send('inventory.reserve', { orderId, lines: [{ sku, quantity: 2 }] });
    await Promise.all([1, 2].map(() => bus.to(Inventory).send('inventory.commit', { orderId })));
    expect(await levels(sku)).toEqual({ A: [3, 0] });
    expect(await failure(bus.to(Inventory).send('inventory.release', { orderId }))).toMatchObject({
      code: 'RESERVATION_COMMITTED',
    });
    expect(
      await failure(bus.to(Inventory).send('inventory.commit', { orderId: freshOrder() })),
    ).toMatchObject({ code: 'RESERVATION_NOT_FOUND' });
  });

  it('releases expired holds in the scheduled sweep, after which commit is refused', async () => {
    const sku = await stockedSku({ A: 5 });
    const orderId = freshOrder();
    await bus.to(Inventory).send('inventory.reserve', { orderId, lines: [{ sku, quantity: 3 }] });
    const admin = new pg.Client({ connectionString: testDatabase().adminUrl.href });
    await admin.connect();
    await admin.query(
      `UPDATE inventory.reservations SET expires_at = now() - interval '1 second' WHERE order_id = $1`,
      [orderId],
    );
    await admin.end();

    await eventually(
      () => levels(sku),
      (found) => found.A?.[1] === 0,
      'the sweep to release the hold',
    );
    expect(await levels(sku)).toEqual({ A: [5, 0] });
    expect(await failure(bus.to(Inventory).send('inventory.commit', { orderId }))).toMatchObject({
      code: 'RESERVATION_RELEASED',
    });
    expect(await monolith.app.get(ReleaseExpiredReservationsHandler).execute()).not.toContain(
      orderId,
    );
  });

  it('sets stock levels only for catalog SKUs and never below what is reserved', async () => {
    expect((await setStock('NOT-IN-CATALOG-1', 'A', 3)).error).toMatchObject({
      status: 422,
      code: 'UNKNOWN_SKU',
    });
    const sku = await stockedSku({ A: 5 });
    await bus
      .to(Inventory)
      .send('inventory.reserve', { orderId: freshOrder(), lines: [{ sku, quantity: 4 }] });
    expect((await setStock(sku, 'A', 3)).error).toMatchObject({
      status: 409,
      code: 'STOCK_BELOW_RESERVED',
    });
    // A validation error: the contract asks for a count.
    expect((await http('PUT', `/inventory/stock/${sku}/A`, { onHand: -1 })).body).toMatchObject({
      status: 400,
      errors: [{ field: 'onHand' }],
    });
    expect((await stockOf(sku)).data).toEqual([
      { sku, warehouse: 'A', onHand: 5, reserved: 4, available: 1 },
    ]);
  });

  it('rejects malformed requests at the inventory module', async () => {
    const error = await failure(
      bus
        .to(Inventory)
        .send('inventory.reserve', { orderId: 'x y', lines: [{ sku: 'A1', quantity: 0 }] }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    const fields = (error!.details.violations as { field: string }[]).map((v) => v.field).sort();
    expect(fields).toEqual(['lines[0].quantity', 'orderId']);
  });
});
