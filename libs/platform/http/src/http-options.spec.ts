import { describe, expect, it } from '@jest/globals';
import { HttpOptions } from './http-options.js';

describe('HttpOptions.fromEnv', () => {
  it('trusts no proxy, has no admin listener and no CORS on a laptop', () => {
    expect(HttpOptions.fromEnv({})).toEqual(new HttpOptions(0, undefined, []));
  });

  it('moves health, metrics and docs to port 9090 in production unless told otherwise', () => {
    expect(HttpOptions.fromEnv({ NODE_ENV: 'production' }).adminPort).toBe(9090);
    expect(HttpOptions.fromEnv({ NODE_ENV: 'production', SEAM_ADMIN_PORT: '9100' }).adminPort).toBe(
      9100,
    );
  });

  it('reads hops and allowed origins', () => {
    expect(
      HttpOptions.fromEnv({
        SEAM_TRUST_PROXY_HOPS: '1',
        SEAM_CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173',
      }),
    ).toEqual(new HttpOptions(1, undefined, ['https://shop.example.com', 'http://localhost:5173']));
  });

  it.each([
    ['SEAM_TRUST_PROXY_HOPS', '-1'],
    ['SEAM_ADMIN_PORT', 'admin'],
    ['SEAM_CORS_ORIGINS', 'https://shop.example.com/path'],
    ['SEAM_CORS_ORIGINS', '*'],
  ])('rejects %s=%s, naming the key', (key, value) => {
    expect(() => HttpOptions.fromEnv({ [key]: value })).toThrow(expect.objectContaining({ key }));
  });
});
