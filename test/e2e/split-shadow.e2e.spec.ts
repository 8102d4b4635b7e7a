import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { untilOrderingSees } from '../support/catalog-copy.js';
import { eventually } from '../support/eventually.js';
import { placeOrder } from '../support/shop.js';
import { SplitSystem } from '../support/split-system.js';
import { freshSku } from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

/**
 * Shadow mode on catalog: the monolith answers `catalog.get-products` (a query) in process and
 * mirrors every call to the catalog service, which here runs on its own copy of the database,
 * as a service with its own data store would after a migration. Prices planted differently in
 * the copy show up as counted mismatches; equal data as matches. Commands are never mirrored.
 */
describe('shadowing a read-only pattern', () => {
  let system: SplitSystem;
  const copyName = `seam_shadow_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const adminUrl = testDatabase().adminUrl;
  const copyUrl = new URL(adminUrl.href);
  copyUrl.pathname = `/${copyName}`;

  const query = async (url: URL, sql: string, values: unknown[] = []) => {
    const db = new pg.Client({ connectionString: url.href });
    await db.connect();
    try {
      return (await db.query(sql, values)).rows as Record<string, unknown>[];
    } finally {
      await db.end();
    }
  };
  const admin = (sql: string) => query(adminUrl, sql);

  /** Copies catalog rows as they are (timestamps included) into the service's database. */
  const copyProducts = async (skus: string[]) => {
    for (const row of await query(adminUrl, `SELECT * FROM catalog.products WHERE sku = ANY($1)`, [
      skus,
    ])) {
      const columns = Object.keys(row);
      await query(
        copyUrl,
        `INSERT INTO catalog.products (${columns.join(', ')})
         VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(row),
      );
    }
  };

  beforeAll(async () => {
    // The migrated template every worker database was cloned from: an empty copy of the schema.
    await admin(`CREATE DATABASE ${copyName} TEMPLATE seam_template`);
    system = await SplitSystem.start('catalog', { mode: 'shadow', startService: false });
    await system.startService({ DATABASE_URL: copyUrl.href });
  }, 60_000);

  afterAll(async () => {
    await system?.stop();
    await admin(`DROP DATABASE IF EXISTS ${copyName} WITH (FORCE)`);
  }, 30_000);

  const shadowCounts = async (): Promise<Record<string, number>> => {
    const text = await (await fetch(`${system.monolith.baseUrl}/metrics`)).text();
    const counts: Record<string, number> = {};
    for (const [, result, value] of text.matchAll(
      /^seam_shadow_comparisons_total\{[^}]*pattern="catalog\.get-products"[^}]*result="(\w+)"[^}]*\} (\d+)/gm,
    ))
      counts[result!] = Number(value);
    return counts;
  };

  it('answers from the monolith, counts equal answers as matches and a planted difference as a mismatch', async () => {
    const monolithAdmin = system.client('ops', ['admin']);
    const same = freshSku('SAME');
    const planted = freshSku('DIFF');
    for (const sku of [same, planted]) {
      const product = { sku, name: 'Shadow lamp', price: { amount: 2000, currency: 'EUR' } };
      expect(
        (await monolithAdmin('POST', '/catalog/products', { ...product, weightGrams: 500 })).status,
      ).toBe(201);
      expect(
        (await monolithAdmin('PUT', `/inventory/stock/${sku}/MAIN`, { onHand: 10 })).status,
      ).toBe(200);
    }
    // Setting stock asked catalog whether each SKU exists: two shadowed calls, compared after
    // the answer went back (as a mismatch: the service's store is still empty). Wait for both to
    // be counted, so that no late comparison is taken for one of the orders' below.
    const compared = (counts: Record<string, number>) =>
      Object.values(counts).reduce((sum, count) => sum + count, 0);
    const setUp = await eventually(
      shadowCounts,
      (counts) => compared(counts) >= 2,
      "the stock checks' comparisons",
    );
    // Ordering prices from its own copy of the catalog and asks catalog (the shadowed pattern)
    // only for products it has not seen: take them out of its copy once the events are in.
    for (const sku of [same, planted]) await untilOrderingSees(sku, { priceAmount: 2000 });
    await query(adminUrl, `DELETE FROM ordering.catalog_products WHERE sku = ANY($1)`, [
      [same, planted],
    ]);
    // The service's store holds the same rows, except one price that drifted.
    await copyProducts([same, planted]);
    await query(copyUrl, `UPDATE catalog.products SET price_amount = 2100 WHERE sku = $1`, [
      planted,
    ]);
    const before = await shadowCounts();
    expect(compared(before)).toBe(compared(setUp)); // nothing else was shadowed meanwhile

    const customer = system.client(`shadow-${randomUUID()}`);
    const matching = await placeOrder(customer, [{ sku: same, quantity: 1 }]);
    expect(matching.status).toBe(201);
    await eventually(
      shadowCounts,
      (counts) => (counts.match ?? 0) > (before.match ?? 0),
      'a counted match',
    );
    expect((await shadowCounts()).mismatch ?? 0).toBe(before.mismatch ?? 0);

    const mismatching = await placeOrder(customer, [{ sku: planted, quantity: 1 }]);
    // The caller gets the monolith's answer: the price of its own catalog.
    expect(mismatching.status).toBe(201);
    expect(mismatching.body.lines[0].unitPrice).toEqual({ amount: 2000, currency: 'EUR' });
    const counts = await eventually(
      shadowCounts,
      (current) => (current.mismatch ?? 0) > (before.mismatch ?? 0),
      'a counted mismatch',
    );
    expect(counts.mismatch).toBe((before.mismatch ?? 0) + 1);
    // The log line with both answers follows the count (the process's output arrives through a pipe).
    const logged = await eventually(
      () => Promise.resolve(system.monolith.output()),
      (output) => output.includes('"amount\\":2100'),
      "the mismatch logged with the service's price",
    );
    expect(logged).toMatch(/Shadow mismatch: the remote answer differs from the in-process answer/);
  }, 90_000);
});
