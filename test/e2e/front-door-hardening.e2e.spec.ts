import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HttpOptions } from '#platform/http';
import { httpClient } from '../support/http-client.js';
import { startMonolith, type TestApplication, tokenFor } from '../support/test-application.js';

/** Behind one ALB hop: the ALB appends the address it saw to whatever the client sent. */
const viaAlb = (client: string, spoofed?: string) => ({
  'x-forwarded-for': spoofed ? `${spoofed}, ${client}` : client,
});
const badToken = { authorization: 'Bearer not-a-token' };

describe('front door behind a load balancer', () => {
  let monolith: TestApplication;
  const http = httpClient(() => monolith.baseUrl);
  const admin = httpClient(() => monolith.adminUrl!);

  beforeAll(async () => {
    monolith = await startMonolith({
      authFailuresPerMinute: 3,
      http: new HttpOptions(1, 0, ['https://shop.example.com']),
    });
  });

  afterAll(async () => {
    await monolith.close();
  });

  it('throttles requests without a valid token per client address as the ALB reports it, whatever the client prepends to X-Forwarded-For', async () => {
    const guess = (headers: Record<string, string>) =>
      http('POST', '/catalog/products/ANY/deactivate', undefined, { ...badToken, ...headers });
    const client = '203.0.113.7';
    expect([
      (await guess(viaAlb(client))).status,
      (await guess(viaAlb(client, '198.51.100.1'))).status,
      (await guess(viaAlb(client, '198.51.100.2, 198.51.100.3'))).status,
    ]).toEqual([401, 401, 401]);

    for (const spoofed of [undefined, '198.51.100.9', '203.0.113.8']) {
      const limited = await guess(viaAlb(client, spoofed));
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const anonymous = await http('POST', '/catalog/products/ANY/deactivate', undefined, {
      ...viaAlb(client),
    });
    expect(anonymous.status).toBe(429);

    expect((await guess(viaAlb('203.0.113.8'))).status).toBe(401);
  });

  it('still serves a token verified before its address was throttled', async () => {
    const client = '203.0.113.20';
    const token = { authorization: `Bearer ${await tokenFor('nat-customer', ['admin'])}` };
    const read = () =>
      http('GET', '/inventory/reservations/o-hardening', undefined, {
        ...token,
        ...viaAlb(client),
      });
    expect((await read()).status).toBe(200);
    for (let attempt = 0; attempt < 4; attempt += 1)
      await http('GET', '/inventory/reservations/o-x', undefined, {
        ...badToken,
        ...viaAlb(client),
      });
    expect(
      (
        await http('GET', '/inventory/reservations/o-x', undefined, {
          ...badToken,
          ...viaAlb(client),
        })
      ).status,
    ).toBe(429);
    expect((await read()).status).toBe(200);
  });

  it('sends security headers, no X-Powered-By, and no-store on authenticated answers', async () => {
    const token = { authorization: `Bearer ${await tokenFor('headers-admin', ['admin'])}` };
    const response = await http('GET', '/inventory/reservations/o-hardening', undefined, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('strict-transport-security')).toBeNull();

    const overTls = await http('GET', '/health/live', undefined, { 'x-forwarded-proto': 'https' });
    expect(overTls.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('answers CORS only for the allowed origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${monolith.baseUrl}/orders`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('https://shop.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves metrics and docs on the admin listener only, and no API there', async () => {
    for (const path of ['/metrics', '/docs', '/docs/openapi.json']) {
      const publicAnswer = await fetch(`${monolith.baseUrl}${path}`);
      expect(publicAnswer.status).toBe(404);
      const adminAnswer = await fetch(`${monolith.adminUrl}${path}`);
      expect(adminAnswer.status).toBe(200);
    }
    expect((await http('GET', '/health/live')).status).toBe(200);
    expect((await admin('GET', '/health/live')).status).toBe(200);
    const token = { authorization: `Bearer ${await tokenFor('ops', ['admin'])}` };
    expect((await admin('GET', '/catalog/products', undefined, token)).status).toBe(404);
  });
});

describe('worker role', () => {
  let worker: TestApplication;
  const http = httpClient(() => worker.baseUrl);

  beforeAll(async () => {
    worker = await startMonolith({ serveApi: false, runWorkflows: false });
  });

  afterAll(async () => {
    await worker.close();
  });

  it('serves health and metrics but no public API', async () => {
    expect(worker.adminUrl).toBeDefined();
    expect((await http('GET', '/health/live')).status).toBe(200);
    expect((await fetch(`${worker.baseUrl}/metrics`)).status).toBe(200);
    const token = { authorization: `Bearer ${await tokenFor('ops', ['admin'])}` };
    expect((await http('GET', '/catalog/products', undefined, token)).status).toBe(404);
    expect((await http('POST', '/orders', {}, token)).status).toBe(404);
  });
});
