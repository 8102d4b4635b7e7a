import { ConfigError, EnvReader } from '#platform/config';
import type { AuthOptions } from './auth/auth-options.js';

/**
 * How the storefront signs customers in:
 * - `dev`: `POST /dev/token` with any customer id (a local Seam with the development key);
 * - `oidc`: the authorization-code flow with PKCE against `authority` (an OIDC issuer whose
 *   `/.well-known/openid-configuration` the SPA reads), as the public client `clientId`,
 *   asking for `scope`. The access token is the API's bearer token; its `sub` is the customer
 *   id. `endSessionEndpoint`: where signing out goes when the issuer's discovery document has
 *   none (Cognito's `https://<domain>/logout`);
 * - `none`: nobody can sign in here (a real issuer, but no client configured for the SPA).
 */
export type StorefrontSignIn =
  | { readonly kind: 'dev' }
  | {
      readonly kind: 'oidc';
      readonly authority: string;
      readonly clientId: string;
      readonly scope: string;
      readonly endSessionEndpoint?: string;
    }
  | { readonly kind: 'none' };

/**
 * The storefront's runtime configuration, `/config.json` beside its files: served by the
 * monolith locally (from StorefrontConfig.fromEnv), written to the storefront bucket by the
 * stack in AWS (terraform/src/constructs/storefront.ts). `apiBase` prefixes every API path:
 * `''` when the monolith serves the SPA, `/api` behind CloudFront.
 */
export interface StorefrontConfigDocument {
  readonly apiBase: string;
  readonly signIn: StorefrontSignIn;
}

/** The scope the SPA asks for unless SEAM_STOREFRONT_OIDC_SCOPE says otherwise. */
export const DEFAULT_STOREFRONT_SCOPE = 'openid';

/**
 * The storefront's `/config.json` as the monolith serves it, from the environment:
 * - with the development key (AuthOptions.issuesDevTokens): `dev`;
 * - with SEAM_STOREFRONT_OIDC_CLIENT_ID: `oidc` against SEAM_STOREFRONT_OIDC_ISSUER (default
 *   SEAM_AUTH_ISSUER), scope SEAM_STOREFRONT_OIDC_SCOPE (default `openid`), optional
 *   SEAM_STOREFRONT_OIDC_END_SESSION_URL;
 * - otherwise `none`.
 * `connectSources`: origins the page may fetch from besides its own (the issuer's), for its CSP.
 *
 * @example
 * StorefrontConfig.fromEnv(
 *   { SEAM_AUTH_ISSUER: 'https://id.example.com', SEAM_STOREFRONT_OIDC_CLIENT_ID: 'shop' },
 *   auth,
 * ).document; // { apiBase: '', signIn: { kind: 'oidc', authority: 'https://id.example.com', … } }
 */
export class StorefrontConfig {
  private constructor(readonly document: StorefrontConfigDocument) {}

  /** Nobody signs in (the page says so). */
  static none(): StorefrontConfig {
    return new StorefrontConfig({ apiBase: '', signIn: { kind: 'none' } });
  }

  static dev(): StorefrontConfig {
    return new StorefrontConfig({ apiBase: '', signIn: { kind: 'dev' } });
  }

  static oidc(
    signIn: Omit<Extract<StorefrontSignIn, { kind: 'oidc' }>, 'kind'>,
    apiBase = '',
  ): StorefrontConfig {
    return new StorefrontConfig({ apiBase, signIn: { kind: 'oidc', ...signIn } });
  }

  static fromEnv(
    env: Readonly<Record<string, string | undefined>>,
    auth: AuthOptions,
  ): StorefrontConfig {
    const read = new EnvReader(env);
    const clientId = read.string('SEAM_STOREFRONT_OIDC_CLIENT_ID');
    if (clientId === undefined)
      return auth.issuesDevTokens ? StorefrontConfig.dev() : StorefrontConfig.none();
    // Checked as a URL, kept verbatim: it must equal the tokens' `iss`, trailing slash and all.
    read.url('SEAM_STOREFRONT_OIDC_ISSUER', ['https', 'http']);
    const authority = read.string('SEAM_STOREFRONT_OIDC_ISSUER') ?? auth.issuer;
    if (!authority)
      throw new ConfigError(
        'SEAM_STOREFRONT_OIDC_ISSUER',
        'the OIDC issuer the storefront signs in with (or SEAM_AUTH_ISSUER)',
        undefined,
      );
    return StorefrontConfig.oidc({
      authority,
      clientId,
      scope: read.string('SEAM_STOREFRONT_OIDC_SCOPE', { default: DEFAULT_STOREFRONT_SCOPE }),
      endSessionEndpoint: read.url('SEAM_STOREFRONT_OIDC_END_SESSION_URL', ['https', 'http'])?.href,
    });
  }

  /** Origins the page fetches from besides its own: the issuer's (discovery, keys, tokens). */
  get connectSources(): string[] {
    const { signIn } = this.document;
    return signIn.kind === 'oidc' ? [new URL(signIn.authority).origin] : [];
  }
}
