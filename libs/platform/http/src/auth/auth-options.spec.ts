import { describe, expect, it } from '@jest/globals';
import { AuthOptions } from './auth-options.js';

const DEV_SECRET = 'auth-options-test-secret-0123456789abcdef';

describe('AuthOptions', () => {
  it('mints development tokens over HTTP with a local key outside production', async () => {
    const options = await AuthOptions.fromEnv({ SEAM_AUTH_DEV_SECRET: DEV_SECRET }, '/x');
    expect(options.issuesDevTokens).toBe(true);
  });

  it('never mints development tokens when a real issuer signs them', async () => {
    const options = await AuthOptions.fromEnv(
      {
        SEAM_AUTH_JWKS_URL: 'https://issuer.example.com/.well-known/jwks.json',
        SEAM_AUTH_DEV_SECRET: DEV_SECRET,
      },
      '/x',
    );
    expect(options.issuesDevTokens).toBe(false);
    expect(options.devSecret).toBeUndefined();
  });

  it('never mints development tokens in production', async () => {
    const options = await AuthOptions.fromEnv(
      {
        NODE_ENV: 'production',
        SEAM_AUTH_JWKS_URL: 'https://issuer.example.com/.well-known/jwks.json',
        SEAM_AUTH_ISSUER: 'https://issuer.example.com',
        SEAM_AUTH_AUDIENCE: 'seam',
        SEAM_AUTH_DEV_SECRET: DEV_SECRET,
      },
      '/x',
    );
    expect(options.issuesDevTokens).toBe(false);
    await expect(
      AuthOptions.fromEnv({ NODE_ENV: 'production', SEAM_AUTH_DEV_SECRET: DEV_SECRET }, '/x'),
    ).rejects.toMatchObject({ key: 'SEAM_AUTH_JWKS_URL' });
  });
});
