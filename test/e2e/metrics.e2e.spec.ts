import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OPENAPI_JSON_PATH } from '../../libs/platform/http/src/openapi.js';
import { startMonolith, type TestApplication } from '../support/test-application.js';

describe('GET /metrics', () => {
  let monolith: TestApplication;

  beforeAll(async () => {
    monolith = await startMonolith();
  });

  afterAll(async () => {
    await monolith.close();
  });

  it('answers Prometheus text without a token, labelling requests by route template', async () => {
    const unknownSku = `NO-SUCH-${Date.now().toString(36)}`.toUpperCase();
    const product = await fetch(`${monolith.baseUrl}/catalog/products/${unknownSku}`);
    expect(product.status).toBe(404);

    const response = await fetch(`${monolith.baseUrl}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text).toContain(
      'http_requests_total{method="GET",route="/catalog/products/:sku",status="404"} 1',
    );
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",');
    expect(text).not.toContain(unknownSku);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('labels a request a guard refused with the route it matched', async () => {
    const refused = await fetch(`${monolith.baseUrl}/catalog/products`, { method: 'POST' });
    expect(refused.status).toBe(401);
    const text = await (await fetch(`${monolith.baseUrl}/metrics`)).text();
    expect(text).toMatch(
      /http_requests_total\{method="POST",route="\/catalog\/products",status="401"\} \d+/,
    );
  });

  it('stays out of the OpenAPI document', async () => {
    const document = (await (await fetch(`${monolith.baseUrl}/${OPENAPI_JSON_PATH}`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toContain('/catalog/products/{sku}');
    expect(Object.keys(document.paths)).not.toContain('/metrics');
  });

  it('does not count its own scrapes', async () => {
    await fetch(`${monolith.baseUrl}/metrics`);
    const text = await (await fetch(`${monolith.baseUrl}/metrics`)).text();
    expect(text).not.toMatch(/http_requests_total\{[^}]*route="\/metrics"/);
  });

  it('counts requests that match no route under one label, not their URL', async () => {
    const path = `/no-such-route-${Date.now().toString(36)}`;
    expect((await fetch(`${monolith.baseUrl}${path}`)).status).toBe(404);
    const text = await (await fetch(`${monolith.baseUrl}/metrics`)).text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(text).not.toContain(path);
  });
});
