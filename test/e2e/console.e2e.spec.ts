import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '#platform/config';
import { FeatureFlags } from '#platform/flags';
import { Tracing } from '#platform/observability';
import { TracingOptions } from '../../libs/platform/observability/src/tracing.js';
import { launchChromium } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { stockedProduct } from '../support/order-mix.js';
import { placeOrder } from '../support/shop.js';
import { clientsFor, startMonolith, type TestApplication } from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

const CONSOLE_DIR = join(projectRoot(), 'dist/apps/console');
/** Kept after the run (gitignored); copied to the README's picture with SEAM_UPDATE_SCREENSHOTS=1. */
const SCREENSHOT = join(projectRoot(), 'test/artifacts/console.png');
const README_IMAGE = join(projectRoot(), 'docs/images/console.png');

describe('operator console in headless Chromium', () => {
  let monolith: TestApplication;
  let browser: Browser;
  let page: Page;
  const as = clientsFor(() => monolith);
  const admin = as('ops', ['admin']);
  const customer = as(`console-${randomUUID().slice(0, 8)}`);
  /** What went wrong inside the page: script errors, console errors (CSP violations among them). */
  const pageProblems: string[] = [];
  let orderId: string;

  async function tab(name: string) {
    await page.getByRole('link', { name }).click();
  }

  beforeAll(async () => {
    if (!existsSync(join(CONSOLE_DIR, 'index.html')))
      throw new Error(`${CONSOLE_DIR} is missing: run \`npm run build\` first`);
    await Tracing.start(TracingOptions.of({ mode: 'memory', recentSpans: 20_000 }));
    browser = await launchChromium();
    monolith = await startMonolith({ consoleDir: CONSOLE_DIR });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => pageProblems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageProblems.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await monolith?.close();
    await Tracing.shutdown();
  });

  it('shows nothing without an administrator token, then the topology with a dev admin token', async () => {
    await page.goto(`${monolith.baseUrl}/console`);
    await expect(page.locator('#tabs').isHidden()).resolves.toBe(true);
    await page.getByText('Give an administrator bearer token').waitFor();
    // The data is behind the admin API: without a token it answers 401.
    expect(
      (await as('anyone')('GET', '/admin/topology', undefined, { authorization: '' })).status,
    ).toBe(401);

    await page.getByRole('button', { name: 'Dev admin token' }).click();
    await page.locator('#topology tbody tr').nth(5).waitFor();
    expect(await page.locator('#topology tbody tr').count()).toBe(6);
    expect(await page.locator('#operator').textContent()).toBe('console');
  });

  it("finds a placed order and watches its saga complete, step by step, with the order's trace", async () => {
    const sku = await stockedProduct(admin, 5, 'CONSOLE');
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(201);
    orderId = placed.body.id;

    await tab('Executions');
    await page.getByPlaceholder('order id').fill(orderId);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.locator('#execution-status', { hasText: 'SUCCEEDED' }).waitFor({ timeout: 30_000 });
    await page.locator('svg.asl g[data-state="ReserveStock"][data-status="SUCCEEDED"]').waitFor();
    await page.locator('svg.asl g[data-state="ConfirmOrder"][data-status="SUCCEEDED"]').waitFor();
    expect(await page.locator('#steps tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#steps').textContent()).toContain(orderId);
    await page.locator('#waterfall .span-row').first().waitFor();
    expect(await page.locator('#waterfall').textContent()).toContain('POST');

    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // The README's picture changes only when asked, so a test run leaves the tree clean.
    if (process.env.SEAM_UPDATE_SCREENSHOTS === '1' || !existsSync(README_IMAGE))
      await copyFile(SCREENSHOT, README_IMAGE);
  }, 60_000);

  it('flips a route flag, which the process applies and the audit log records', async () => {
    await tab('Flags');
    await page.getByLabel('route-shipping mode').selectOption('canary');
    await page.getByLabel('route-shipping percent').fill('10');
    await page.locator('[data-set-flag="route-shipping"]').click();
    const flags = monolith.app.get(FeatureFlags);
    await eventually(
      () => flags.route('shipping'),
      (route) => route.mode === 'canary' && route.percent === 10,
      'route-shipping to be canary 10%',
    );
    await tab('Audit log');
    await page.locator('#audit tbody tr', { hasText: 'flag.set' }).first().waitFor();
    expect(await page.locator('#audit tbody tr').first().textContent()).toContain('route-shipping');
    await admin('PUT', '/admin/flags/route-shipping', { mode: 'local', percent: 0 });
  });

  it('redrives a parked outbox event', async () => {
    // A shipment announcement that failed ten times (say notifications was down) and was parked.
    const eventId = randomUUID();
    const db = new pg.Client({ connectionString: testDatabase().adminUrl.href });
    await db.connect();
    await db.query(
      `INSERT INTO shipping.outbox (id, pattern, aggregate_id, payload, headers, attempts, parked_at, last_error)
       VALUES ($1, 'shipping.shipment-created', $2, $3, $4, 10, now(), 'InternalError: notifications unavailable')`,
      [
        eventId,
        orderId,
        JSON.stringify({
          orderId,
          trackingNumber: 'SEAMCONSOLE0001',
          carrier: 'SEAM-POST',
          createdAt: new Date().toISOString(),
        }),
        JSON.stringify({ messageId: eventId, correlationId: 'console-test', caller: 'shipping' }),
      ],
    );
    await db.end();

    await tab('Outbox');
    await page.locator(`[data-redrive="${eventId}"]`).click();
    await page.locator(`[data-redrive="${eventId}"]`).waitFor({ state: 'detached' });
    const [row] = (await admin('GET', '/admin/audit?actor=console&action=outbox.redrive')).body
      .items;
    expect(row).toMatchObject({
      target: `shipping/outbox/${eventId}`,
      after: { redriven: [eventId] },
    });
    expect(pageProblems).toEqual([]);
  });
});
