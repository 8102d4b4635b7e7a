import pg from 'pg';
import { eventually } from './eventually.js';
import { testDatabase } from './test-database.js';

/**
 * Waits until ordering's copy of the catalog (kept by the catalog's ProductChanged events) shows
 * `sku` as `expected`: what an order placed next is priced with.
 */
export async function untilOrderingSees(
  sku: string,
  expected: { priceAmount?: number; active?: boolean },
): Promise<void> {
  await eventually(
    async () => {
      const db = new pg.Client({ connectionString: testDatabase().adminUrl.href });
      await db.connect();
      try {
        const { rows } = await db.query<{ price_amount: string; active: boolean }>(
          'SELECT price_amount, active FROM ordering.catalog_products WHERE sku = $1',
          [sku],
        );
        return rows[0];
      } finally {
        await db.end();
      }
    },
    (row) =>
      row !== undefined &&
      (expected.priceAmount === undefined || Number(row.price_amount) === expected.priceAmount) &&
      (expected.active === undefined || row.active === expected.active),
    `ordering's copy of ${sku} to show ${JSON.stringify(expected)}`,
  );
}
