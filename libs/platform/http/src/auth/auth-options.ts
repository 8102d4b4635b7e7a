import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, EnvReader } from '#platform/config';

/**
 * How bearer tokens are verified. In AWS: a JWKS URL (e.g. a Cognito user pool's
 * `https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json`) plus issuer and
 * audience. Locally: an HS256 development key, `SEAM_AUTH_DEV_SECRET` or generated once into
 * `<SEAM_DATA_DIR>/dev-jwt-secret`, which `npm run token` signs with.
 *
 * `issuesDevTokens`: the development key may also mint customer tokens over HTTP
 * (`POST /dev/token`, for the storefront). Only without a real issuer (no SEAM_AUTH_JWKS_URL)
 * and never with NODE_ENV=production (which refuses to start without an issuer anyway).
 */
export class AuthOptions {
  private constructor(
    readonly jwksUrl: URL | undefined,
    readonly devSecret: Uint8Array | undefined,
    readonly issuer: string | undefined,
    readonly audience: string | undefined,
    readonly issuesDevTokens: boolean,
  ) {}

  static async fromEnv(
    env: Readonly<Record<string, string | undefined>>,
    dataDir: string,
  ): Promise<AuthOptions> {
    const read = new EnvReader(env);
    const jwksUrl = read.url('SEAM_AUTH_JWKS_URL', ['https', 'http']);
    const issuer = read.string('SEAM_AUTH_ISSUER');
    const audience = read.string('SEAM_AUTH_AUDIENCE');
    const production = read.string('NODE_ENV') === 'production';
    if (jwksUrl) {
      // Without them, any token of the same issuer's other clients (or of another pool on the same JWKS) would pass.
      if (production && !issuer)
        throw new ConfigError(
          'SEAM_AUTH_ISSUER',
          'the token issuer (iss), required with SEAM_AUTH_JWKS_URL in production',
          undefined,
        );
      if (production && !audience)
        throw new ConfigError(
          'SEAM_AUTH_AUDIENCE',
          'the API audience / app client id (aud), required with SEAM_AUTH_JWKS_URL in production',
          undefined,
        );
      return new AuthOptions(jwksUrl, undefined, issuer, audience, false);
    }
    if (production) {
      throw new ConfigError(
        'SEAM_AUTH_JWKS_URL',
        'the JWKS URL of the token issuer (required when NODE_ENV=production)',
        undefined,
      );
    }
    const secret = read.string('SEAM_AUTH_DEV_SECRET') ?? (await devSecretFile(dataDir));
    if (secret.length < 32)
      throw new ConfigError('SEAM_AUTH_DEV_SECRET', 'at least 32 characters', '[redacted]');
    return new AuthOptions(
      undefined,
      new TextEncoder().encode(secret),
      issuer,
      audience,
      !production,
    );
  }

  /** For tests: a fixed development key, which also mints customer tokens (`POST /dev/token`). */
  static forDevSecret(secret: string): AuthOptions {
    return new AuthOptions(undefined, new TextEncoder().encode(secret), undefined, undefined, true);
  }
}

async function devSecretFile(dataDir: string): Promise<string> {
  const path = join(dataDir, 'dev-jwt-secret');
  if (existsSync(path)) return (await readFile(path, 'utf8')).trim();
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
  return (await readFile(path, 'utf8')).trim();
}
