import { isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError, EnvReader, projectRoot } from '#platform/config';
import type { AppConfigTarget } from './appconfig-flag-source.js';

export const FLAG_SOURCE_KINDS = ['file', 'appconfig', 'agent'] as const;
export type FlagSourceKind = (typeof FLAG_SOURCE_KINDS)[number];

/** The flag document in the repository, relative to the project root. */
export const DEFAULT_FLAGS_FILE = join('terraform', 'appconfig', 'feature-flags.json');
const DEFAULT_AGENT_URL = 'http://localhost:2772';

/**
 * Where feature flags come from; immutable, validated when built.
 *
 * - `file` (local default): values and definitions from the document, followed live.
 * - `appconfig`: values from AWS AppConfig through the AppConfigData API (region, credentials
 *   and endpoint from the SDK's chain: AWS_REGION, AWS_ENDPOINT_URL_APPCONFIGDATA, …).
 * - `agent`: values from the AppConfig agent sidecar over HTTP.
 *
 * The definitions always come from `file`, the same document AppConfig hosts.
 *
 * @example
 * FlagsOptions.defaults(); // file source, terraform/appconfig/feature-flags.json
 * new FlagsOptions('appconfig', file, 30_000, { application: 'seam', environment: 'prod', profile: 'feature-flags' });
 */
export class FlagsOptions {
  constructor(
    readonly source: FlagSourceKind,
    /** Absolute path of the `AWS.AppConfig.FeatureFlags` document. */
    readonly file: string,
    /** Wait between polls of AppConfig or the agent. */
    readonly pollIntervalMs = 30_000,
    readonly appConfig?: AppConfigTarget,
    readonly agentUrl: URL = new URL(DEFAULT_AGENT_URL),
  ) {
    if (!FLAG_SOURCE_KINDS.includes(source))
      throw new ConfigError('flags source', `one of ${FLAG_SOURCE_KINDS.join(', ')}`, source);
    if (!isAbsolute(file)) throw new ConfigError('flags file', 'an absolute path', file);
    if (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs <= 0)
      throw new ConfigError('flags pollIntervalMs', 'a positive integer', String(pollIntervalMs));
    if (source !== 'file' && !appConfig)
      throw new ConfigError(
        'SEAM_APPCONFIG_APPLICATION',
        `the AppConfig application, environment and profile when SEAM_FLAGS_SOURCE=${source}`,
        undefined,
      );
  }

  /** The local document, followed live. */
  static defaults(root = projectRoot()): FlagsOptions {
    return new FlagsOptions('file', resolve(root, DEFAULT_FLAGS_FILE));
  }

  /**
   * From `SEAM_FLAGS_SOURCE` (`file` | `appconfig` | `agent`, default `file`), `SEAM_FLAGS_FILE`
   * (relative to the project root), `SEAM_FLAGS_POLL_INTERVAL_MS`, and for AppConfig and the
   * agent `SEAM_APPCONFIG_APPLICATION`, `SEAM_APPCONFIG_ENVIRONMENT`, `SEAM_APPCONFIG_PROFILE`
   * and `SEAM_APPCONFIG_AGENT_URL`.
   */
  static fromEnv(
    env: Readonly<Record<string, string | undefined>>,
    root = projectRoot(),
  ): FlagsOptions {
    const read = new EnvReader(env);
    const source = read.oneOf('SEAM_FLAGS_SOURCE', FLAG_SOURCE_KINDS, { default: 'file' });
    const file = FlagsOptions.documentPath(env, root);
    const pollIntervalMs = read.integer('SEAM_FLAGS_POLL_INTERVAL_MS', {
      default: 30_000,
      min: 1_000,
      max: 86_400_000,
    });
    const agentUrl =
      read.url('SEAM_APPCONFIG_AGENT_URL', ['http', 'https']) ?? new URL(DEFAULT_AGENT_URL);
    if (source === 'file') return new FlagsOptions(source, file, pollIntervalMs);
    const identifier = (key: string, what: string): string => {
      const value = read.string(key);
      if (value === undefined || value.length > 128)
        throw new ConfigError(
          key,
          `the AppConfig ${what} name or id (1 to 128 characters; required with SEAM_FLAGS_SOURCE=${source})`,
          value,
        );
      return value;
    };
    const appConfig: AppConfigTarget = {
      application: identifier('SEAM_APPCONFIG_APPLICATION', 'application'),
      environment: identifier('SEAM_APPCONFIG_ENVIRONMENT', 'environment'),
      profile: identifier('SEAM_APPCONFIG_PROFILE', 'configuration profile'),
    };
    return new FlagsOptions(source, file, pollIntervalMs, appConfig, agentUrl);
  }

  /** The document's path from `SEAM_FLAGS_FILE` (relative to the project root), or the default. */
  static documentPath(
    env: Readonly<Record<string, string | undefined>>,
    root = projectRoot(),
  ): string {
    const file = new EnvReader(env).string('SEAM_FLAGS_FILE', { default: DEFAULT_FLAGS_FILE });
    return resolve(root, file);
  }

  /** The document's path as shown in messages: relative to the project root when inside it. */
  fileLabel(root = projectRoot()): string {
    const path = relative(root, this.file);
    return path.startsWith('..') || isAbsolute(path) ? this.file : path;
  }
}
