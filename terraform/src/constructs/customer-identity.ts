import { Construct } from 'constructs';
import { CognitoUserGroup } from '@cdktf/provider-aws/lib/cognito-user-group/index.js';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool/index.js';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client/index.js';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain/index.js';
import { ADMIN_ROLE } from '#platform/http';
import type { DeploySettings } from '../deploy-settings.js';
import { HTTPS_REQUIRED, type Topology } from '../topology.js';

/** What the storefront's app client may ask for; `openid` makes Cognito an OIDC issuer. */
export const STOREFRONT_SCOPES = ['openid', 'email', 'profile'] as const;
/** Access and ID tokens last an hour; the SPA renews them with the refresh token. */
const TOKEN_HOURS = 1;
/** A customer signs in again after this many days without using the shop. */
const REFRESH_DAYS = 30;

/**
 * Where customers sign in when the topology names no OIDC issuer: a Cognito user pool (sign-in
 * by e-mail, self sign-up, a 12-character password policy, optional TOTP MFA, recovery by
 * verified e-mail, deletion protection in production), its hosted sign-in pages on
 * `<prefix>-<account>.auth.<region>.amazoncognito.com`, an `admin` group (Seam reads
 * `cognito:groups` as roles), and a public app client for the storefront: authorization code
 * with PKCE, no secret, its callback `https://<storefront>/callback` and sign-out URL
 * `https://<storefront>/`. The API accepts that client's access tokens: `audience` is its id,
 * which Cognito puts in `client_id` (docs/decisions/0006-auth-and-rate-limit.md).
 *
 * Threat protection ("advanced security") is not on: it needs the Plus feature plan, billed per
 * monthly active user on top of Essentials (docs/runbooks/authentication.md).
 */
export class CustomerIdentity extends Construct {
  readonly pool: CognitoUserPool;
  readonly domain: CognitoUserPoolDomain;
  readonly client: CognitoUserPoolClient;
  /** The issuer's settings, as the topology's `auth` would give them. */
  readonly auth: NonNullable<Topology['auth']>;
  /** Cognito's `/logout` (its discovery document names no end_session_endpoint). */
  readonly endSessionEndpoint: string;

  constructor(
    scope: Construct,
    id: string,
    props: {
      settings: DeploySettings;
      /** The storefront's origin (`https://<distribution>`); no hosted sign-in without one. */
      storefrontOrigin?: string;
    },
  ) {
    super(scope, id);
    const { settings, storefrontOrigin } = props;
    const production = HTTPS_REQUIRED.includes(settings.environment);
    this.pool = new CognitoUserPool(this, 'pool', {
      name: `${settings.prefix}-customers`,
      userPoolTier: 'ESSENTIALS',
      usernameAttributes: ['email'],
      autoVerifiedAttributes: ['email'],
      usernameConfiguration: { caseSensitive: false },
      passwordPolicy: {
        minimumLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: false,
        temporaryPasswordValidityDays: 3,
      },
      mfaConfiguration: 'OPTIONAL',
      softwareTokenMfaConfiguration: { enabled: true },
      accountRecoverySetting: {
        recoveryMechanism: [{ name: 'verified_email', priority: 1 }],
      },
      adminCreateUserConfig: { allowAdminCreateUserOnly: false },
      deletionProtection: production ? 'ACTIVE' : 'INACTIVE',
    });
    new CognitoUserGroup(this, 'admin-group', {
      userPoolId: this.pool.id,
      name: ADMIN_ROLE,
      description: 'Seam administrators: catalog, stock, payments, shipments, parked events',
    });
    this.domain = new CognitoUserPoolDomain(this, 'domain', {
      domain: CustomerIdentity.domainPrefix(settings),
      userPoolId: this.pool.id,
    });
    this.client = new CognitoUserPoolClient(this, 'storefront-client', {
      name: `${settings.prefix}-storefront`,
      userPoolId: this.pool.id,
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      accessTokenValidity: TOKEN_HOURS,
      idTokenValidity: TOKEN_HOURS,
      refreshTokenValidity: REFRESH_DAYS,
      tokenValidityUnits: [{ accessToken: 'hours', idToken: 'hours', refreshToken: 'days' }],
      ...(storefrontOrigin
        ? {
            supportedIdentityProviders: ['COGNITO'],
            allowedOauthFlowsUserPoolClient: true,
            allowedOauthFlows: ['code'],
            allowedOauthScopes: [...STOREFRONT_SCOPES],
            callbackUrls: [`${storefrontOrigin}/callback`],
            logoutUrls: [`${storefrontOrigin}/`],
          }
        : {}),
    });
    const issuer = `https://cognito-idp.${settings.region}.amazonaws.com/${this.pool.id}`;
    this.auth = {
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      issuer,
      audience: this.client.id,
    };
    this.endSessionEndpoint = `${CustomerIdentity.hostedOrigin(settings)}/logout`;
  }

  /** The hosted pages' domain prefix: unique per account, free of the words Cognito refuses. */
  static domainPrefix(settings: DeploySettings): string {
    return `${settings.prefix}-${settings.account}`;
  }

  /**
   * The origins the storefront fetches from when it signs in with the pool: the issuer's
   * (discovery, keys) and the hosted pages' (token endpoint). Known before the pool exists.
   */
  static origins(settings: DeploySettings): string[] {
    return [`https://cognito-idp.${settings.region}.amazonaws.com`, this.hostedOrigin(settings)];
  }

  private static hostedOrigin(settings: DeploySettings): string {
    return `https://${CustomerIdentity.domainPrefix(settings)}.auth.${settings.region}.amazoncognito.com`;
  }
}
