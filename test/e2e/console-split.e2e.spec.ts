import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { MAIN } from '../support/monolith-process.js';
import { stockedProduct } from '../support/order-mix.js';
import { placeOrder } from '../support/shop.js';
import { SplitSystem } from '../support/split-system.js';

/**
 * The console's Breakers and Queues pages in headless Chromium, on the monolith with payments
 * in its own process over a real SQS server on loopback: the pages that only have something to
 * show when a module is called over SQS.
 */
describe('operator console with payments extracted, in headless Chromium', () => {
  let system: SplitSystem;
  let sqs: SQSClient;
  let browser: Browser;
  let page: Page;
  const pageProblems: string[] = [];

  const tab = (name: string) => page.getByRole('link', { name }).click();
  const paymentsRow = (table: string) =>
    page.locator(`#${table} tbody tr`).filter({ hasText: 'payments' }).first();

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} is missing: run \`npm run build\` first (\`npm test\` does it)`);
    system = await SplitSystem.start('payments', { mode: 'remote' });
    sqs = new SQSClient({
      endpoint: system.sqsUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => pageProblems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageProblems.push(message.text());
    });
    await page.goto(`${system.monolith.baseUrl}/console`);
    await page.getByRole('button', { name: 'Dev admin token' }).click();
    await page.locator('#topology tbody tr').first().waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    sqs?.destroy();
    await system?.stop();
  }, 30_000);

  it('shows the breaker of the remote payments calls once an order went through it', async () => {
    const sku = await stockedProduct(system.client('ops', ['admin']), 10, 'CONSOLE');
    const customer = system.client(`console-${randomUUID().slice(0, 8)}`);
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(201);
    const orderId = (placed.body as { id: string }).id;
    await eventually(
      async () => (await customer('GET', `/orders/${orderId}`)).body as { status: string },
      (order) => order.status === 'CONFIRMED',
      'the order to be confirmed through the payments service',
      30_000,
    );

    await tab('Breakers');
    const row = page
      .locator('#breakers tbody tr')
      .filter({ hasText: 'payments.authorize' })
      .first();
    await row.waitFor();
    expect(await row.locator('.status').textContent()).toBe('closed');
    expect(Number(await row.locator('td').nth(3).textContent())).toBeGreaterThanOrEqual(1);
    expect(pageProblems).toEqual([]);
  }, 60_000);

  it('shows a dead letter on the payments DLQ and redrives it, which the audit log records', async () => {
    const { QueueUrl } = await sqs.send(
      new GetQueueUrlCommand({ QueueName: `${system.queuePrefix}payments` }),
    );
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    // Not JSON: the service moves it to the DLQ at once.
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: '{"orderId": ',
        MessageAttributes: {
          'seam-kind': text('request'),
          'seam-pattern': text('payments.authorize'),
          'seam-message-id': text(randomUUID()),
          'seam-correlation-id': text(`console-poison-${randomUUID()}`),
          'seam-caller': text('console-test'),
          'seam-request-id': text(randomUUID()),
          'seam-reply-to': text(QueueUrl!),
        },
      }),
    );

    await tab('Queues');
    await eventually(
      async () => {
        await tab('Queues');
        return Number(await paymentsRow('queues').locator('td').nth(5).textContent());
      },
      (deadLetters) => deadLetters >= 1,
      'the poison message on the payments DLQ, shown by the console',
      20_000,
    );
    await paymentsRow('queues').getByRole('button', { name: 'Redrive DLQ' }).click();
    const admin = system.client('ops', ['admin']);
    const audited = await eventually(
      async () =>
        (await admin('GET', '/admin/audit?actor=console&action=dlq.redrive')).body as {
          items: { target: string; after: { moved: number } }[];
        },
      (page) => page.items.some((item) => item.target.startsWith(`payments/${system.queuePrefix}`)),
      'the DLQ redrive in the audit log',
    );
    const [redrive] = audited.items.filter((item) =>
      item.target.startsWith(`payments/${system.queuePrefix}`),
    );
    expect(redrive!.target).toBe(`payments/${system.queuePrefix}payments-dlq`);
    // The poison comes straight back to the DLQ; it is moved once, not round and round.
    expect(redrive!.after.moved).toBe(1);
    expect(pageProblems).toEqual([]);
  }, 60_000);
});
