import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { issueDevToken } from '#platform/http';
import { httpClient } from '../support/http-client.js';
import {
  freshSku,
  startMonolith,
  TEST_AUTH_SECRET,
  type TestApplication,
  tokenFor,
} from '../support/test-application.js';

describe('front door: authentication and the write rate limit', () => {
  let monolith: TestApplication;
  const http = httpClient(() => monolith.baseUrl);

  beforeAll(async () => {
    monolith = await startMonolith({ writesPerMinute: 3 });
  });

  afterAll(async () => {
    await monolith.close();
  });

  it('answers 429 problem+json with Retry-After once a caller exceeds its writes, and only for that caller', async () => {
    const admin = { authorization: `Bearer ${await tokenFor('limited-admin', ['admin'])}` };
    const create = () =>
      http(
        'POST',
        '/catalog/products',
        { sku: freshSku(), name: 'x', price: { amount: 1, currency: 'EUR' }, weightGrams: 1 },
        admin,
      );
    expect([(await create()).status, (await create()).status, (await create()).status]).toEqual([
      201, 201, 201,
    ]);

    const limited = await create();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });

    expect((await http('GET', '/catalog/products?pageSize=1', undefined, admin)).status).toBe(200);
    const otherAdmin = { authorization: `Bearer ${await tokenFor('other-admin', ['admin'])}` };
    expect(
      (
        await http(
          'POST',
          '/catalog/products',
          { sku: freshSku(), name: 'x', price: { amount: 1, currency: 'EUR' }, weightGrams: 1 },
          otherAdmin,
        )
      ).status,
    ).toBe(201);
  });

  it('refuses expired tokens and tokens signed with another key', async () => {
    const expired = await issueDevToken(new TextEncoder().encode(TEST_AUTH_SECRET), {
      subject: 'x',
      roles: ['admin'],
      expiresIn: '-1m',
    });
    const foreign = await issueDevToken(
      new TextEncoder().encode('another-key-another-key-another-key'),
      { subject: 'x', roles: ['admin'] },
    );
    for (const token of [expired, foreign]) {
      const response = await http('POST', '/catalog/products/ANY-SKU/deactivate', undefined, {
        authorization: `Bearer ${token}`,
      });
      expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    }
  });
});
