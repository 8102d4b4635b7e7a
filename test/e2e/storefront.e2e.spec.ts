import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '#platform/config';
import { STOREFRONT_CSP } from '../../libs/platform/http/src/storefront.js';
import { launchChromium } from '../support/browser.js';
import {
  clientsFor,
  freshSku,
  startMonolith,
  type TestApplication,
} from '../support/test-application.js';

const STOREFRONT_DIR = join(projectRoot(), 'dist/apps/storefront');
/** Kept after the run (gitignored): what the customer saw at the end. */
const SCREENSHOT = join(projectRoot(), 'test/artifacts/storefront.png');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('storefront in headless Chromium', () => {
  let monolith: TestApplication;
  let browser: Browser;
  let page: Page;
  const admin = clientsFor(() => monolith)('ops', ['admin']);
  const customer = `shopper-${Math.random().toString(36).slice(2, 8)}`;
  /** What went wrong inside the page: script errors, console errors (CSP violations among them). */
  const pageProblems: string[] = [];
  const idempotencyKeys: string[] = [];

  // Sorted first in the catalog (SKU order), so they are on the storefront's first page.
  const mug = freshSku('0SF-MUG');
  const cup = freshSku('0SF-CUP');

  async function stocked(sku: string, name: string, description: string, amount: number) {
    const created = await admin('POST', '/catalog/products', {
      sku,
      name,
      description,
      price: { amount, currency: 'EUR' },
      weightGrams: 350,
    });
    expect(created.status).toBe(201);
    expect((await admin('PUT', `/inventory/stock/${sku}/BER-1`, { onHand: 20 })).status).toBe(200);
  }

  async function addToBasket(sku: string, quantity: number) {
    const product = page.locator(`li[data-sku="${sku}"]`);
    await product.locator('input').fill(String(quantity));
    await product.getByRole('button', { name: /Add .* to basket/ }).click();
  }

  beforeAll(async () => {
    if (!existsSync(join(STOREFRONT_DIR, 'index.html')))
      throw new Error(`${STOREFRONT_DIR} is missing: run \`npm run build\` first`);
    browser = await launchChromium();
    monolith = await startMonolith({ storefrontDir: STOREFRONT_DIR });
    await stocked(mug, 'Blue mug', 'Stoneware, 350 ml', 1250);
    await stocked(cup, 'Espresso cup', 'Porcelain, 80 ml', 790);
    page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
    page.on('pageerror', (error) => pageProblems.push(error.message));
    page.on('console', (message) => {
      // Failed loads are reported by URL below.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageProblems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) pageProblems.push(`${response.status()} ${response.url()}`);
    });
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/orders')
        idempotencyKeys.push(request.headers()['idempotency-key'] ?? '');
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await monolith?.close();
  });

  it('is served at / with a policy that allows its own scripts only, beside the API', async () => {
    const response = await page.goto(`${monolith.baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(STOREFRONT_CSP);
    const api = await fetch(`${monolith.baseUrl}/catalog/products`);
    expect(api.headers.get('content-type')).toMatch(/json/);
    expect(api.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    await page.locator(`li[data-sku="${mug}"]`, { hasText: 'Blue mug' }).waitFor();
    expect(pageProblems).toEqual([]);
  });

  it('lets a customer sign in, order and watch the order become CONFIRMED', async () => {
    await page.getByLabel('Customer id').fill(customer);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#signed-in', { hasText: customer }).waitFor();

    await addToBasket(mug, 2);
    await page.getByLabel('Card').selectOption('tok_approve');
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.locator('#order-status', { hasText: 'CONFIRMED' }).waitFor({ timeout: 20_000 });
    await page.locator('#orders tr', { hasText: 'CONFIRMED' }).waitFor();
    const orderId = await page.locator('#order-id').textContent();
    const orders = await clientsFor(() => monolith)(customer)(
      'GET',
      `/customers/${customer}/orders`,
    );
    expect(orders.body.items).toEqual([
      expect.objectContaining({ id: orderId, status: 'CONFIRMED', customerId: customer }),
    ]);
    expect(orders.body.items[0].lines).toEqual([
      expect.objectContaining({ sku: mug, quantity: 2 }),
    ]);
    expect(idempotencyKeys).toHaveLength(1);
    expect(idempotencyKeys[0]).toMatch(UUID);
    expect(pageProblems).toEqual([]);
  }, 60_000);

  it('shows why an order with a declined card was rejected', async () => {
    await addToBasket(cup, 1);
    await page.getByLabel('Card').selectOption('tok_decline');
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.locator('#order-status', { hasText: 'REJECTED' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('#order-reason').textContent()).toBe(
      'Your payment was declined. You have not been charged.',
    );
    await page.locator('#orders tr', { hasText: 'REJECTED' }).waitFor();
    expect(await page.locator('#orders tr').count()).toBe(2);
    expect(new Set(idempotencyKeys).size).toBe(2);
    expect(pageProblems).toEqual([]);

    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 60_000);
});
