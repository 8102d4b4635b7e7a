import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import Provider, { type InteractionDetails } from 'oidc-provider';
import { LoopbackServer } from './aws/loopback-server.js';

/** The customer who may sign in at the loopback issuer. */
export interface TestUser {
  readonly id: string;
  readonly userName: string;
  readonly password: string;
  readonly email: string;
}

/** The public client (no secret, PKCE) the SPA signs in as. */
export interface TestClient {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
}

/** What access tokens are for, as the API checks it (`aud`), and the scope it grants. */
export const LOOPBACK_API_AUDIENCE = 'urn:seam:api';
export const LOOPBACK_API_SCOPE = 'orders';
const KEY_ID = 'loopback-rs256';

/**
 * A real OpenID Connect issuer on 127.0.0.1 for tests: oidc-provider (a certified
 * implementation) with an RS256 key generated at start, one public client (authorization code
 * with PKCE) and one user, whose login page (user name, password, Cancel) a browser fills in.
 * Access tokens are JWTs for {@link LOOPBACK_API_AUDIENCE} (resource indicators), so the API
 * verifies them against the issuer's JWKS over HTTP like any other issuer's.
 *
 * @example
 * const issuer = new LoopbackOidcIssuer(user);
 * const { endpoint } = await issuer.start();      // the issuer URL, before the app exists
 * issuer.serve({ clientId: 'storefront', redirectUris: [`${app}/callback`], postLogoutRedirectUris: [`${app}/`] });
 */
export class LoopbackOidcIssuer extends LoopbackServer {
  private provider: Provider | undefined;
  private privateKey: CryptoKey | undefined;

  constructor(readonly user: TestUser) {
    super();
  }

  /** The issuer identifier (`iss`): the server's base URL. */
  get issuer(): string {
    if (!this.endpoint) throw new Error('The loopback issuer has not started');
    return this.endpoint;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  /** Starts answering as an OIDC issuer for `client` (call after start()). */
  async serve(client: TestClient): Promise<void> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    this.privateKey = privateKey;
    const signing: JWK = {
      ...(await exportJWK(privateKey)),
      kid: KEY_ID,
      alg: 'RS256',
      use: 'sig',
    };
    const user = this.user;
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: client.clientId,
          token_endpoint_auth_method: 'none',
          application_type: 'web',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: client.redirectUris,
          post_logout_redirect_uris: client.postLogoutRedirectUris,
        },
      ],
      jwks: { keys: [signing] },
      ttl: {
        AccessToken: 600,
        AuthorizationCode: 60,
        IdToken: 600,
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
      },
      // The SPA's origin (its redirect URIs') may call the token endpoint from the browser.
      clientBasedCORS: (_context: unknown, origin: string, target: { redirectUris: string[] }) =>
        target.redirectUris.some((uri) => new URL(uri).origin === origin),
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      scopes: ['openid', 'email', LOOPBACK_API_SCOPE],
      findAccount: async (_context: unknown, id: string) =>
        id === user.id
          ? {
              accountId: id,
              claims: async () => ({ sub: id, email: user.email, email_verified: true }),
            }
          : undefined,
      interactions: {
        url: (_context: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      features: {
        devInteractions: { enabled: false },
        resourceIndicators: {
          enabled: true,
          defaultResource: async () => LOOPBACK_API_AUDIENCE,
          useGrantedResource: async () => true,
          getResourceServerInfo: async () => ({
            scope: LOOPBACK_API_SCOPE,
            audience: LOOPBACK_API_AUDIENCE,
            accessTokenTTL: 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }),
        },
      },
    });
  }

  /**
   * A token signed with this issuer's own key (valid signature), with any claims: for tests of
   * what the API refuses (another `iss`, another `aud`).
   */
  signed(claims: { iss: string; aud: string; sub: string; roles?: string[] }): Promise<string> {
    if (!this.privateKey) throw new Error('The loopback issuer is not serving yet');
    return new SignJWT({ scope: LOOPBACK_API_SCOPE, roles: claims.roles ?? [] })
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'at+jwt' })
      .setIssuer(claims.iss)
      .setAudience(claims.aud)
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(this.privateKey);
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const provider = this.provider;
    if (!provider) {
      response.writeHead(503).end();
      return;
    }
    const url = new URL(request.url ?? '/', this.issuer);
    const interaction = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(url.pathname);
    if (!interaction) {
      provider.callback()(request, response);
      return;
    }
    try {
      const details = await provider.interactionDetails(request, response);
      if (interaction[2] === 'abort' && request.method === 'POST') {
        await provider.interactionFinished(
          request,
          response,
          { error: 'access_denied', error_description: 'The customer cancelled signing in' },
          { mergeWithLastSubmission: false },
        );
      } else if (interaction[2] === 'login' && request.method === 'POST') {
        const form = new URLSearchParams(await bodyOf(request));
        if (
          form.get('username') === this.user.userName &&
          form.get('password') === this.user.password
        )
          await provider.interactionFinished(
            request,
            response,
            { login: { accountId: this.user.id } },
            { mergeWithLastSubmission: false },
          );
        else loginPage(response, details.uid, 'Wrong user name or password.');
      } else if (details.prompt.name === 'login') {
        loginPage(response, details.uid);
      } else {
        // A first-party client: consent is given without asking.
        await provider.interactionFinished(
          request,
          response,
          { consent: { grantId: await grantFor(provider, details) } },
          { mergeWithLastSubmission: true },
        );
      }
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end((error as Error).message);
    }
  }
}

async function grantFor(provider: Provider, details: InteractionDetails): Promise<string> {
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({
      accountId: details.session!.accountId,
      clientId: details.params.client_id,
    });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
    grant.addResourceScope(resource, scopes.join(' '));
  return grant.save();
}

function loginPage(response: ServerResponse, uid: string, problem?: string): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Loopback ID: sign in</title></head>
<body>
  <h1>Sign in to Loopback ID</h1>
  ${problem ? `<p role="alert">${problem}</p>` : ''}
  <form method="post" action="/interaction/${uid}/login">
    <label>User name <input name="username" autocomplete="username" required></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in</button>
  </form>
  <form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>
</body></html>`);
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
