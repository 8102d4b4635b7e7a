import { ConfigError, EnvReader } from '#platform/config';

/** Port of the admin listener in production when SEAM_ADMIN_PORT is not set. */
export const DEFAULT_PRODUCTION_ADMIN_PORT = 9090;

/**
 * How the HTTP front door faces the network.
 * - `trustProxyHops` (SEAM_TRUST_PROXY_HOPS): proxies in front that append to X-Forwarded-For
 *   (1 behind an ALB). The client address is the entry that many hops from the right, so
 *   entries a client prepends choose nothing. 0: the socket's peer is the client.
 * - `adminPort` (SEAM_ADMIN_PORT): a second listener for /health, /metrics and /docs, which
 *   then leave the public listener. Unset locally (everything on PORT); 9090 in production.
 * - `corsOrigins` (SEAM_CORS_ORIGINS): comma-separated origins allowed by CORS; none = off.
 *
 * @example
 * HttpOptions.fromEnv({ SEAM_TRUST_PROXY_HOPS: '1', SEAM_ADMIN_PORT: '9090' });
 */
export class HttpOptions {
  constructor(
    readonly trustProxyHops = 0,
    readonly adminPort: number | undefined = undefined,
    readonly corsOrigins: readonly string[] = [],
  ) {}

  static defaults(): HttpOptions {
    return new HttpOptions();
  }

  static fromEnv(env: Readonly<Record<string, string | undefined>>): HttpOptions {
    const read = new EnvReader(env);
    const production = read.string('NODE_ENV') === 'production';
    const origins = (read.string('SEAM_CORS_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    for (const origin of origins) {
      if (!isOrigin(origin))
        throw new ConfigError(
          'SEAM_CORS_ORIGINS',
          'comma-separated origins such as https://shop.example.com (scheme, host, optional port; no path)',
          origin,
        );
    }
    return new HttpOptions(
      read.integer('SEAM_TRUST_PROXY_HOPS', { default: 0, min: 0, max: 10 }),
      read.integer('SEAM_ADMIN_PORT', { min: 0, max: 65535 }) ??
        (production ? DEFAULT_PRODUCTION_ADMIN_PORT : undefined),
      origins,
    );
  }
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}
