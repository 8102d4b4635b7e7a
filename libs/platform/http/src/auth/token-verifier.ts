import { Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { AuthOptions } from './auth-options.js';
import type { Principal } from './principal.js';

/** Verifies bearer tokens (signature, expiry, issuer, audience) and reads the principal. */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;

  constructor(private readonly options: AuthOptions) {
    this.key = options.jwksUrl ? createRemoteJWKSet(options.jwksUrl) : options.devSecret!;
  }

  /** @throws when the token is not valid. */
  async verify(token: string): Promise<Principal> {
    const { payload } = await jwtVerify(token, this.key as Uint8Array, {
      issuer: this.options.issuer,
      audience: this.options.audience,
      algorithms: this.options.jwksUrl ? ['RS256', 'ES256'] : ['HS256'],
    });
    if (!payload.sub) throw new Error('token has no subject');
    return { subject: payload.sub, roles: rolesOf(payload) };
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
