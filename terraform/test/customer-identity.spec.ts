import { describe, expect, it } from '@jest/globals';
import { synthesize, topology, type Json, type Synthesized } from './synthesized.js';

/** Issue 17: where customers sign in, and how the API, the gateway and the SPA learn of it. */

const HOSTED = 'https://seam-test-123456789012.auth.eu-west-1.amazoncognito.com';

/** The web service's container environment. */
function webEnvironment(main: Synthesized): Record<string, string> {
  const task = main.one('aws_ecs_task_definition', (t) => t.family === 'seam-test-monolith-web');
  const [container] = JSON.parse(task.container_definitions as string) as {
    environment: { name: string; value: string }[];
  }[];
  return Object.fromEntries(container!.environment.map((entry) => [entry.name, entry.value]));
}

function storefrontConfig(main: Synthesized): Json {
  const object = main.one('aws_s3_object', (o) => o.key === 'config.json');
  expect(object).toMatchObject({
    bucket: main.reference('aws_s3_bucket', 'id', (b) => /storefront/.test(b.bucket as string)),
    content_type: 'application/json',
    cache_control: 'no-cache',
  });
  return JSON.parse(object.content as string);
}

describe('without an issuer in the topology: a Cognito user pool made by the stack', () => {
  const { main } = synthesize();
  const pool = main.one('aws_cognito_user_pool', () => true);
  const poolId = main.reference('aws_cognito_user_pool', 'id', () => true);
  const client = main.one('aws_cognito_user_pool_client', () => true);
  const clientId = main.reference('aws_cognito_user_pool_client', 'id', () => true);
  const storefront = main.reference('aws_cloudfront_distribution', 'domain_name', () => true);
  const issuer = `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}`;

  it('signs customers in by e-mail with a long password, optional MFA and e-mail recovery', () => {
    expect(pool).toMatchObject({
      name: 'seam-test-customers',
      username_attributes: ['email'],
      auto_verified_attributes: ['email'],
      mfa_configuration: 'OPTIONAL',
      software_token_mfa_configuration: { enabled: true },
      deletion_protection: 'INACTIVE',
      user_pool_tier: 'ESSENTIALS',
    });
    expect(pool.password_policy.minimum_length).toBeGreaterThanOrEqual(12);
    expect(pool.account_recovery_setting.recovery_mechanism).toEqual([
      { name: 'verified_email', priority: 1 },
    ]);
    expect(main.one('aws_cognito_user_group', () => true)).toMatchObject({
      name: 'admin',
      user_pool_id: poolId,
    });
  });

  it('protects the pool from deletion in production', () => {
    const production = synthesize({ env: { SEAM_ENV: 'production' } }).main;
    expect(production.one('aws_cognito_user_pool', () => true).deletion_protection).toBe('ACTIVE');
  });

  it('hosts the sign-in pages and gives the SPA a public client: code + PKCE, the storefront URLs', () => {
    expect(main.one('aws_cognito_user_pool_domain', () => true)).toMatchObject({
      domain: 'seam-test-123456789012',
      user_pool_id: poolId,
    });
    expect(client).toMatchObject({
      user_pool_id: poolId,
      generate_secret: false,
      allowed_oauth_flows_user_pool_client: true,
      allowed_oauth_flows: ['code'],
      allowed_oauth_scopes: ['openid', 'email', 'profile'],
      supported_identity_providers: ['COGNITO'],
      callback_urls: [`https://${storefront}/callback`],
      logout_urls: [`https://${storefront}/`],
      prevent_user_existence_errors: 'ENABLED',
    });
    expect(client.explicit_auth_flows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
  });

  it("makes the API accept the client's tokens from the pool", () => {
    expect(webEnvironment(main)).toMatchObject({
      SEAM_AUTH_ISSUER: issuer,
      SEAM_AUTH_JWKS_URL: `${issuer}/.well-known/jwks.json`,
      SEAM_AUTH_AUDIENCE: clientId,
    });
  });

  it('tells the storefront to sign in there (config.json) and lets its page reach Cognito', () => {
    expect(storefrontConfig(main)).toEqual({
      apiBase: '/api',
      signIn: {
        kind: 'oidc',
        authority: issuer,
        clientId,
        scope: 'openid email profile',
        endSessionEndpoint: `${HOSTED}/logout`,
      },
    });
    const csp = main.one('aws_cloudfront_response_headers_policy', () => true)
      .security_headers_config.content_security_policy.content_security_policy as string;
    expect(csp).toContain(
      `connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com ${HOSTED};`,
    );
    expect(main.json.output?.user_pool_client?.value).toBe(clientId);
  });

  it('gives the client no hosted sign-in when there is no storefront to return to', () => {
    const { main: withoutStorefront } = synthesize({
      topology: topology((t) => (t.storefront = { enabled: false })),
    });
    const bare = withoutStorefront.one('aws_cognito_user_pool_client', () => true);
    expect(bare.allowed_oauth_flows).toBeUndefined();
    expect(bare.callback_urls).toBeUndefined();
    expect(withoutStorefront.list('aws_s3_object')).toHaveLength(0);
  });
});

describe('with an issuer in the topology: no user pool', () => {
  const issuer = 'https://login.example.com/realms/shop';
  const { main } = synthesize({
    topology: topology((t) => {
      t.auth = {
        jwksUrl: `${issuer}/protocol/openid-connect/certs`,
        issuer,
        audience: 'seam-api',
        storefrontClientId: 'seam-storefront',
        storefrontScope: 'openid email',
      };
    }),
  });

  it('creates nothing of Cognito', () => {
    for (const type of [
      'aws_cognito_user_pool',
      'aws_cognito_user_pool_domain',
      'aws_cognito_user_pool_client',
      'aws_cognito_user_group',
    ])
      expect(main.list(type)).toHaveLength(0);
    expect(main.json.output?.user_pool).toBeUndefined();
  });

  it('wires that issuer into the API, and the SPA signs in there as its own client', () => {
    expect(webEnvironment(main)).toMatchObject({
      SEAM_AUTH_ISSUER: issuer,
      SEAM_AUTH_JWKS_URL: `${issuer}/protocol/openid-connect/certs`,
      SEAM_AUTH_AUDIENCE: 'seam-api',
    });
    expect(storefrontConfig(main)).toEqual({
      apiBase: '/api',
      signIn: {
        kind: 'oidc',
        authority: issuer,
        clientId: 'seam-storefront',
        scope: 'openid email',
      },
    });
    const csp = main.one('aws_cloudfront_response_headers_policy', () => true)
      .security_headers_config.content_security_policy.content_security_policy as string;
    expect(csp).toContain("connect-src 'self' https://login.example.com;");
  });

  it("puts the gateway's JWT authorizer on that issuer and audience", () => {
    const { main: gateway } = synthesize({
      topology: topology((t) => {
        t.auth = { jwksUrl: `${issuer}/certs`, issuer, audience: 'seam-api' };
        t.frontDoor = { kind: 'apigateway' };
        t.storefront = { enabled: false };
      }),
    });
    expect(gateway.one('aws_apigatewayv2_authorizer', () => true).jwt_configuration).toEqual({
      issuer,
      audience: ['seam-api'],
    });
    expect(gateway.list('aws_cognito_user_pool')).toHaveLength(0);
  });
});
