import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { AuthOptions } from './auth-options.js';
import { issueDevToken, TokenVerifier } from './token-verifier.js';

/** A Cognito-like issuer: a JWKS document on a loopback HTTP server, RS256 tokens. */
describe('TokenVerifier with a JWKS issuer', () => {
  let server: Server;
  let jwksUrl: string;
  let signingKey: CryptoKey;
  const issuer = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_TEST';
  const audience = 'seam-api';

  const token = (key: CryptoKey, claims: Record<string, unknown>, kid = 'key-1') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('user-42')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    signingKey = privateKey;
    const jwks = {
      keys: [{ ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' }],
    };
    server = createServer((request, response) => {
      response.writeHead(request.url === '/.well-known/jwks.json' ? 200 : 404, {
        'content-type': 'application/json',
      });
      response.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const verifier = async () =>
    new TokenVerifier(
      await AuthOptions.fromEnv(
        { SEAM_AUTH_JWKS_URL: jwksUrl, SEAM_AUTH_ISSUER: issuer, SEAM_AUTH_AUDIENCE: audience },
        '/nonexistent',
      ),
    );

  it('accepts a token signed by a key in the JWKS and reads Cognito groups as roles', async () => {
    const principal = await (
      await verifier()
    ).verify(await token(signingKey, { 'cognito:groups': ['admin'] }));
    expect(principal).toEqual({ subject: 'user-42', roles: ['admin'] });
  });

  it('refuses a token signed by a key that is not in the JWKS', async () => {
    const { privateKey: stranger } = await generateKeyPair('RS256');
    await expect((await verifier()).verify(await token(stranger, {}, 'key-1'))).rejects.toThrow(
      /signature/i,
    );
  });

  it('refuses a token for another audience', async () => {
    const forOthers = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setSubject('user-42')
      .setIssuer(issuer)
      .setAudience('someone-else')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signingKey);
    await expect((await verifier()).verify(forOthers)).rejects.toThrow(/aud/);
  });

  /** A Cognito access token: `client_id` and `token_use: access`, no `aud`. */
  const cognitoToken = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setSubject('9f2c6a1e-cognito-user')
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signingKey);

  it('accepts a Cognito access token whose client_id is the audience, its sub the subject', async () => {
    const principal = await (
      await verifier()
    ).verify(await cognitoToken({ client_id: audience, token_use: 'access', scope: 'openid' }));
    expect(principal).toEqual({ subject: '9f2c6a1e-cognito-user', roles: [] });
  });

  it('refuses a Cognito access token of another app client', async () => {
    await expect(
      (await verifier()).verify(
        await cognitoToken({ client_id: 'other-app', token_use: 'access' }),
      ),
    ).rejects.toThrow(/client_id/);
  });

  it('refuses a Cognito ID token even though its aud is the app client', async () => {
    await expect(
      (await verifier()).verify(await cognitoToken({ aud: audience, token_use: 'id' })),
    ).rejects.toThrow(/token_use/);
  });

  it('refuses to start in production without a JWKS URL, issuer and audience', async () => {
    await expect(
      AuthOptions.fromEnv({ NODE_ENV: 'production' }, '/nonexistent'),
    ).rejects.toMatchObject({ key: 'SEAM_AUTH_JWKS_URL' });
    await expect(
      AuthOptions.fromEnv({ NODE_ENV: 'production', SEAM_AUTH_JWKS_URL: jwksUrl }, '/x'),
    ).rejects.toMatchObject({ key: 'SEAM_AUTH_ISSUER' });
    await expect(
      AuthOptions.fromEnv(
        { NODE_ENV: 'production', SEAM_AUTH_JWKS_URL: jwksUrl, SEAM_AUTH_ISSUER: issuer },
        '/x',
      ),
    ).rejects.toMatchObject({ key: 'SEAM_AUTH_AUDIENCE' });
  });
});

/** Tokens without an expiry, or minted in the future, are refused. */
describe('TokenVerifier claims', () => {
  const devSecret = 'token-claims-test-secret-0123456789abcdef';
  const secret = new TextEncoder().encode(devSecret);
  const verifier = new TokenVerifier(AuthOptions.forDevSecret(devSecret));
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const sign = (claims: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({ roles: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('c-1');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(secret);
  };

  it('refuses a token without exp', async () => {
    await expect(verifier.verify(await sign({ iat: nowSeconds() }))).rejects.toThrow(/exp/);
  });

  it('refuses a token without iat', async () => {
    await expect(verifier.verify(await sign({ exp: nowSeconds() + 300 }))).rejects.toThrow(/iat/);
  });

  it('refuses a token issued in the future beyond the clock skew', async () => {
    const token = await sign({ iat: nowSeconds() + 600, exp: nowSeconds() + 900 });
    await expect(verifier.verify(token)).rejects.toThrow(/iat.*future/);
  });

  it('accepts a token whose iat is a few seconds ahead (clock skew)', async () => {
    const token = await sign({ iat: nowSeconds() + 5, exp: nowSeconds() + 300 });
    expect(await verifier.verify(token)).toEqual({ subject: 'c-1', roles: [] });
  });
});

/** Verified tokens are remembered, but never trusted past their expiry. */
describe('TokenVerifier remembering verified tokens', () => {
  const devSecret = 'token-cache-test-secret-0123456789abcdef';
  const secret = new TextEncoder().encode(devSecret);
  const verifier = new TokenVerifier(AuthOptions.forDevSecret(devSecret));

  afterAll(() => {
    jest.useRealTimers();
  });

  it('answers a repeated token from memory, and refuses it once it has expired', async () => {
    const token = await issueDevToken(secret, { subject: 'c-cache', expiresIn: '30s' });
    expect(await verifier.verify(token)).toEqual({ subject: 'c-cache', roles: [] });
    expect(await verifier.verify(token)).toEqual({ subject: 'c-cache', roles: [] });

    jest.useFakeTimers({ now: Date.now() + 31_000, doNotFake: ['nextTick', 'setImmediate'] });
    await expect(verifier.verify(token)).rejects.toThrow(/exp/);
  });

  it('does not remember a token it refused', async () => {
    const other = await issueDevToken(
      new TextEncoder().encode('another-secret-0123456789abcdefgh'),
      {
        subject: 'c-forged',
      },
    );
    await expect(verifier.verify(other)).rejects.toThrow();
    await expect(verifier.verify(other)).rejects.toThrow();
  });
});
