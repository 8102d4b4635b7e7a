import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthOptions } from '#platform/http';
import { httpClient } from '../support/http-client.js';
import { startMonolith, type TestApplication } from '../support/test-application.js';

describe('POST /dev/token (development sign-in for the storefront)', () => {
  let local: TestApplication;
  let behindIssuer: TestApplication;
  const anonymous = (application: () => TestApplication) => httpClient(() => application().baseUrl);

  beforeAll(async () => {
    [local, behindIssuer] = await Promise.all([
      startMonolith(),
      startMonolith({
        // A real issuer (never contacted: no token is verified here).
        auth: await AuthOptions.fromEnv(
          { SEAM_AUTH_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json' },
          '/nonexistent',
        ),
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([local?.close(), behindIssuer?.close()]);
  });

  it("issues a customer token with the local key that reads that customer's orders only", async () => {
    const issued = await anonymous(() => local)('POST', '/dev/token', { customerId: 'dev-ada' });
    expect(issued.status).toBe(200);
    const customer = httpClient(
      () => local.baseUrl,
      async () => issued.body.token,
    );
    expect((await customer('GET', '/customers/dev-ada/orders')).status).toBe(200);
    expect((await customer('GET', '/customers/someone-else/orders')).status).toBe(403);
    // A customer token, never an administrator's.
    expect((await customer('GET', '/admin/outbox/parked')).status).toBe(403);
  });

  it("issues an operator's admin token for the console, audited under that operator", async () => {
    const issued = await anonymous(() => local)('POST', '/dev/admin-token', {
      operatorId: 'dev-ops',
    });
    expect(issued.status).toBe(200);
    const operator = httpClient(
      () => local.baseUrl,
      async () => issued.body.token,
    );
    expect((await operator('GET', '/admin/topology')).status).toBe(200);
    const refused = await anonymous(() => local)('POST', '/dev/admin-token', { operatorId: '' });
    expect(refused.status).toBe(400);
  });

  it('refuses a customer id that is not a plain id', async () => {
    const refused = await anonymous(() => local)('POST', '/dev/token', { customerId: 'a b/c' });
    expect(refused.status).toBe(400);
  });

  it('does not exist when tokens come from a real issuer', async () => {
    const response = await anonymous(() => behindIssuer)('POST', '/dev/token', {
      customerId: 'dev-ada',
    });
    expect(response.status).toBe(404);
    const admin = await anonymous(() => behindIssuer)('POST', '/dev/admin-token', {
      operatorId: 'dev-ops',
    });
    expect(admin.status).toBe(404);
    const openApi = await anonymous(() => behindIssuer)('GET', '/docs/openapi.json');
    expect(Object.keys(openApi.body.paths)).not.toContain('/dev/token');
    expect(Object.keys(openApi.body.paths)).not.toContain('/dev/admin-token');
  });
});
