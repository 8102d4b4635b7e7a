import { Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { isStorableText } from '#platform/messaging';
import { AuthOptions } from './auth-options.js';
import type { Principal } from './principal.js';

/** As long as a customer id may be (see the `/customers/:id` routes). */
const MAX_SUBJECT_LENGTH = 128;

/** Tokens verified recently, so a client's next request skips the signature check. */
const CACHED_TOKENS = 10_000;
/** A verified token is trusted from the cache for at most this long (and never past its `exp`). */
const CACHE_TTL_MS = 60_000;
/** How far the issuer's clock may run ahead of ours: an `iat` further in the future is refused. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Verifies bearer tokens (signature, expiry, issuer, audience: `aud`, or Cognito's `client_id`)
 * and reads the principal; the subject is the customer id. A token
 * must carry `exp` (one without would be valid for ever) and an `iat` not in the future beyond
 * {@link CLOCK_SKEW_SECONDS} (a future `iat` is a forged or mis-minted token). A
 * client sends the same token with every request, so verified tokens are remembered (bounded,
 * at most a minute, never past their expiry); a token that failed is never remembered.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly options: AuthOptions) {
    this.key = options.jwksUrl ? createRemoteJWKSet(options.jwksUrl) : options.devSecret!;
  }

  /** True when `token` was verified recently and is not expired (no signature check). */
  remembers(token: string): boolean {
    const cached = this.verified.get(token);
    return cached !== undefined && cached.until > Date.now();
  }

  /** @throws when the token is not valid. */
  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const cached = this.verified.get(token);
    if (cached && cached.until > now) return cached.principal;
    this.verified.delete(token);
    const { payload } = await jwtVerify(token, this.key as Uint8Array, {
      issuer: this.options.issuer,
      algorithms: this.options.jwksUrl ? ['RS256', 'ES256'] : ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    // jose checks that iat is a number, but not that it lies in the past (unless maxTokenAge is set).
    if (payload.iat! > now / 1000 + CLOCK_SKEW_SECONDS)
      throw new Error('token "iat" claim is in the future');
    if (!payload.sub) throw new Error('token has no subject');
    checkAudience(payload, this.options.audience);
    // The subject is a customer id that reaches SQL (and its indexes): PostgreSQL refuses NUL and
    // lone surrogates, and a btree refuses keys of a few kB.
    if (!isStorableText(payload.sub) || payload.sub.length > MAX_SUBJECT_LENGTH)
      throw new Error(
        `token subject is not valid text of at most ${MAX_SUBJECT_LENGTH} characters`,
      );
    const principal: Principal = Object.freeze({
      subject: payload.sub,
      roles: Object.freeze(rolesOf(payload)),
    });
    const until = Math.min(now + CACHE_TTL_MS, payload.exp! * 1000);
    if (this.verified.size >= CACHED_TOKENS)
      this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, until });
    return principal;
  }
}

/**
 * The token must be meant for this API: its `aud` names `audience` (OIDC access tokens with a
 * resource indicator, ID tokens), or, without `aud`, its `client_id` is `audience` (Cognito
 * access tokens carry `client_id` and no `aud`; API Gateway's JWT authorizer accepts either
 * the same way). A Cognito ID token (`token_use: id`) is refused: it proves who signed in to
 * the app, it does not authorise calls (the SPA sends its access token).
 */
function checkAudience(payload: JWTPayload, audience: string | undefined): void {
  if (payload.token_use !== undefined && payload.token_use !== 'access')
    throw new Error(
      `token "token_use" claim is ${JSON.stringify(payload.token_use)}, not "access"`,
    );
  if (audience === undefined) return;
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
  if (payload.aud !== undefined) {
    if (!audiences.includes(audience)) throw new Error('unexpected "aud" claim value');
  } else if (payload.client_id !== audience) {
    throw new Error('token has neither an "aud" nor a "client_id" claim naming this API');
  }
}

/** `roles` (Seam's tokens) or `cognito:groups` (Cognito user pools). */
function rolesOf(payload: JWTPayload): string[] {
  const roles = payload.roles ?? payload['cognito:groups'] ?? [];
  return Array.isArray(roles)
    ? roles.filter((role): role is string => typeof role === 'string')
    : [];
}

/**
 * Signs a development token with the local HS256 key (for `npm run token` and tests).
 *
 * @example
 * await issueDevToken(secret, { subject: 'c1' });                   // a customer
 * await issueDevToken(secret, { subject: 'ops', roles: ['admin'] }); // an administrator
 */
export function issueDevToken(
  secret: Uint8Array,
  claims: { subject: string; roles?: readonly string[]; expiresIn?: string },
): Promise<string> {
  return new SignJWT({ roles: [...(claims.roles ?? [])] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '12h')
    .sign(secret);
}
