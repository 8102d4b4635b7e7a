import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  launch,
  MAIN,
  startMonolithProcess as startMonolith,
} from '../support/monolith-process.js';
import { eventually } from '../support/eventually.js';
import { startOtlpSpanSink } from '../support/otlp-span-sink.js';
import { isRunning, watchdogOf } from '../support/processes.js';
import { tokenFor } from '../support/test-application.js';
import { TEST_DATABASE_URL_ENV } from '../support/test-database.js';

/**
 * The monolith as `npm start` runs it: the built entry point in its own process, with embedded
 * PostgreSQL in a fresh data directory. Covers what a user does to it: start it, start it
 * twice, stop it, kill it.
 */
async function postgresPid(dataDir: string): Promise<number | undefined> {
  const pidFile = await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(
    () => undefined,
  );
  return pidFile ? Number.parseInt(pidFile.split('\n')[0]!, 10) : undefined;
}

async function stopsWithin(pid: number, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until;)
    if (isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
    else return true;
  return !isRunning(pid);
}

describe('the monolith process', () => {
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} is missing: run \`npm run build\` first (\`npm test\` does it)`);
    dataDir = await mkdtemp(join(tmpdir(), 'seam-process-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts embedded PostgreSQL, serves readiness and docs, refuses a second start, and stops cleanly', async () => {
    const first = await startMonolith({ SEAM_DATA_DIR: dataDir });
    try {
      expect((await fetch(`${first.baseUrl}/health/ready`)).status).toBe(200);
      expect((await fetch(`${first.baseUrl}/docs`)).status).toBe(200);
      const openApi = (await (await fetch(`${first.baseUrl}/docs/openapi.json`)).json()) as {
        paths: object;
      };
      expect(Object.keys(openApi.paths)).toContain('/catalog/products/{sku}');

      const second = launch({ SEAM_DATA_DIR: dataDir });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain('Seam is already running with the data in');
      expect((await fetch(`${first.baseUrl}/health/ready`)).status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Embedded PostgreSQL stopped');
    expect(existsSync(join(dataDir, 'seam.lock'))).toBe(false);
    expect(await postgresPid(dataDir)).toBeUndefined();
  });

  /** Adds a product through the monolith at `baseUrl` (as an admin) and says which. */
  async function addProduct(baseUrl: string, prefix: string): Promise<string> {
    const sku = `${prefix}-${Date.now().toString(36)}`.toUpperCase();
    const created = await fetch(`${baseUrl}/catalog/products`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenFor('ops', ['admin'])}`,
      },
      body: JSON.stringify({
        sku,
        name: 'Survivor',
        price: { amount: 100, currency: 'EUR' },
        weightGrams: 10,
      }),
    });
    expect(created.status).toBe(201);
    return sku;
  }

  /** Starts the monolith on `dataDir`, adds a product and says which. */
  async function startWithAProduct() {
    const started = await startMonolith({ SEAM_DATA_DIR: dataDir });
    const sku = await addProduct(started.baseUrl, 'KILL');
    return { started, sku, postmaster: (await postgresPid(dataDir))! };
  }

  it('killed with SIGKILL, takes its PostgreSQL down with it and keeps the data', async () => {
    const { started, sku, postmaster } = await startWithAProduct();
    started.child.kill('SIGKILL');
    await started.exited;
    expect(await stopsWithin(postmaster, 10_000)).toBe(true);
    expect(await postgresPid(dataDir)).toBeUndefined(); // a clean shutdown

    const after = await startMonolith({ SEAM_DATA_DIR: dataDir });
    try {
      expect(after.output()).not.toContain('left running by a process that was killed');
      expect((await fetch(`${after.baseUrl}/catalog/products/${sku}`)).status).toBe(200);
    } finally {
      after.child.kill('SIGTERM');
    }
    expect(await after.exited).toBe(0);
  });

  it('stops a PostgreSQL left behind (its watchdog killed too) and keeps the data', async () => {
    const { started, sku, postmaster } = await startWithAProduct();
    const watchdog = watchdogOf(postmaster);
    expect(watchdog).toBeDefined();
    process.kill(watchdog!, 'SIGKILL');
    started.child.kill('SIGKILL');
    await started.exited;
    expect(isRunning(postmaster)).toBe(true);

    const after = await startMonolith({ SEAM_DATA_DIR: dataDir });
    try {
      expect(after.output()).toContain(
        'Stopping PostgreSQL left running by a process that was killed',
      );
      expect(isRunning(postmaster)).toBe(false);
      expect((await fetch(`${after.baseUrl}/catalog/products/${sku}`)).status).toBe(200);
    } finally {
      after.child.kill('SIGTERM');
    }
    expect(await after.exited).toBe(0);
  });

  it('uses DATABASE_URL when set and starts no PostgreSQL of its own', async () => {
    const emptyDir = await mkdtemp(join(tmpdir(), 'seam-external-'));
    const started = await startMonolith({
      SEAM_DATA_DIR: emptyDir,
      DATABASE_URL: process.env[TEST_DATABASE_URL_ENV]!,
    });
    try {
      expect((await fetch(`${started.baseUrl}/health/ready`)).status).toBe(200);
      expect(started.output()).toContain('Using the PostgreSQL at DATABASE_URL');
      // The storefront that `npm run build` put in dist/apps/storefront, at /.
      const home = await fetch(`${started.baseUrl}/`);
      expect(home.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await home.text()).toContain('<title>Seam shop</title>');
      expect(existsSync(join(emptyDir, 'postgres'))).toBe(false);
    } finally {
      started.child.kill('SIGTERM');
      await started.exited;
      await rm(emptyDir, { recursive: true, force: true });
    }
  });

  it('traced (SEAM_TRACING=otlp), exports the spans of HTTP requests, SQL and its own work to the collector', async () => {
    const collector = await startOtlpSpanSink();
    let started: Awaited<ReturnType<typeof startMonolith>> | undefined;
    try {
      started = await startMonolith({
        SEAM_DATA_DIR: dataDir,
        DATABASE_URL: process.env[TEST_DATABASE_URL_ENV]!,
        SEAM_TRACING: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_SERVICE_NAME: 'seam-traced-test',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      });
      await addProduct(started.baseUrl, 'TRACED');
      await eventually(
        () => [...new Set(collector.spans().map((span) => span.scope))],
        (seen) =>
          [
            'seam',
            '@opentelemetry/instrumentation-http',
            '@opentelemetry/instrumentation-pg',
          ].every((scope) => seen.includes(scope)),
        'spans from Seam and from the http and pg instrumentations',
      );
      expect(new Set(collector.spans().map((span) => span.service))).toEqual(
        new Set(['seam-traced-test']),
      );
      // The express instrumentation names the HTTP server span by its route.
      expect(collector.spans().map((span) => span.name)).toContain('POST /catalog/products');
    } finally {
      started?.child.kill('SIGTERM');
      await started?.exited;
      await collector.close();
    }
  });

  it('fails start-up on a bad setting, naming the key and the expected shape', async () => {
    const launched = launch({ SEAM_DATA_DIR: dataDir, PORT: 'eighty' });
    expect(await launched.exited).toBe(1);
    expect(launched.output()).toContain(
      'Invalid configuration PORT: expected an integer from 0 to 65535, got \\"eighty\\"',
    );
  });

  it('never logs the database password', async () => {
    const url = new URL(process.env[TEST_DATABASE_URL_ENV]!);
    const launched = launch({
      SEAM_DATA_DIR: dataDir,
      DATABASE_URL: `${url.href}`.replace('postgres://', 'mysql://'),
    });
    expect(await launched.exited).toBe(1);
    expect(launched.output()).toContain('DATABASE_URL');
    expect(launched.output()).not.toContain(decodeURIComponent(url.password));
  });
});
