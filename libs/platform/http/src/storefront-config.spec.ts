import { describe, expect, it } from '@jest/globals';
import { AuthOptions } from './auth/auth-options.js';
import { StorefrontConfig } from './storefront-config.js';

const DEV_SECRET = 'storefront-config-test-secret-0123456789';

describe('StorefrontConfig', () => {
  const issuerAuth = () =>
    AuthOptions.fromEnv(
      {
        SEAM_AUTH_JWKS_URL: 'https://id.example.com/jwks',
        SEAM_AUTH_ISSUER: 'https://id.example.com/',
        SEAM_AUTH_AUDIENCE: 'seam-api',
      },
      '/x',
    );

  it('signs in with development tokens while the development key mints them', () => {
    const config = StorefrontConfig.fromEnv({}, AuthOptions.forDevSecret(DEV_SECRET));
    expect(config.document).toEqual({ apiBase: '', signIn: { kind: 'dev' } });
    expect(config.connectSources).toEqual([]);
  });

  it('signs in with OIDC against the API issuer, verbatim, when the SPA has a client id', async () => {
    const config = StorefrontConfig.fromEnv(
      { SEAM_STOREFRONT_OIDC_CLIENT_ID: 'storefront', SEAM_STOREFRONT_OIDC_SCOPE: 'openid email' },
      await issuerAuth(),
    );
    expect(config.document).toEqual({
      apiBase: '',
      signIn: {
        kind: 'oidc',
        authority: 'https://id.example.com/',
        clientId: 'storefront',
        scope: 'openid email',
      },
    });
    expect(config.connectSources).toEqual(['https://id.example.com']);
  });

  it('offers no sign-in with a real issuer but no client id for the SPA', async () => {
    expect(StorefrontConfig.fromEnv({}, await issuerAuth()).document.signIn).toEqual({
      kind: 'none',
    });
  });

  it('names the key when the issuer is not a URL or missing', async () => {
    expect(() =>
      StorefrontConfig.fromEnv(
        { SEAM_STOREFRONT_OIDC_CLIENT_ID: 'storefront', SEAM_STOREFRONT_OIDC_ISSUER: 'id.example' },
        AuthOptions.forDevSecret(DEV_SECRET),
      ),
    ).toThrow(expect.objectContaining({ key: 'SEAM_STOREFRONT_OIDC_ISSUER' }));
    expect(() =>
      StorefrontConfig.fromEnv(
        { SEAM_STOREFRONT_OIDC_CLIENT_ID: 'storefront' },
        AuthOptions.forDevSecret(DEV_SECRET),
      ),
    ).toThrow(expect.objectContaining({ key: 'SEAM_STOREFRONT_OIDC_ISSUER' }));
  });
});
