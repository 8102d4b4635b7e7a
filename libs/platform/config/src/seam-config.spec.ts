import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'pg-connection-string';
import { ConfigError } from './config-error.js';
import { SeamConfig } from './seam-config.js';

describe('SeamConfig.fromEnv', () => {
  it('uses defaults for a laptop: port 3000, embedded PostgreSQL under .data', () => {
    const config = SeamConfig.fromEnv({}, '/repo');
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: '/repo/.data',
      logLevel: 'info',
      callTimeoutMs: 5000,
    });
  });

  it('reads every setting from the environment', () => {
    const config = SeamConfig.fromEnv(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://admin:pw@db.internal:5432/seam?sslmode=require',
        SEAM_PG_PORT: '55432',
        SEAM_DATA_DIR: '/var/tmp/seam',
        LOG_LEVEL: 'debug',
        SEAM_CALL_TIMEOUT_MS: '250',
      },
      '/repo',
    );
    expect(config.port).toBe(8080);
    expect(config.databaseUrl?.hostname).toBe('db.internal');
    expect(config).toMatchObject({
      embeddedPostgresPort: 55432,
      dataDir: '/var/tmp/seam',
      logLevel: 'debug',
      callTimeoutMs: 250,
    });
  });

  it.each([
    ['PORT', 'http', 'an integer from 0 to 65535'],
    ['PORT', '70000', 'an integer from 0 to 65535'],
    ['SEAM_PG_PORT', '1.5', 'an integer from 1 to 65535'],
    ['LOG_LEVEL', 'loud', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['SEAM_CALL_TIMEOUT_MS', '0', 'an integer from 1 to 600000'],
    ['DATABASE_URL', 'mysql://x@y/z', 'a URL with protocol postgres or postgresql'],
  ])('rejects %s=%s, naming the key and the expected shape', (key, value, expected) => {
    const error = (() => {
      try {
        SeamConfig.fromEnv({ [key]: value });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ key, expected });
  });

  it('keeps a database password out of the error message', () => {
    expect(() => SeamConfig.fromEnv({ DATABASE_URL: 'mysql://admin:s3cret@db/x' })).toThrow(
      /mysql:\/\/admin:\*\*\*@db\/x/,
    );
    expect(() => SeamConfig.fromEnv({ DATABASE_URL: 'mysql://admin:s3cret@db/x' })).not.toThrow(
      /s3cret/,
    );
  });

  describe('TLS to Aurora (SEAM_DB_CA_FILE)', () => {
    const bundle = join(mkdtempSync(join(tmpdir(), 'seam-ca-')), 'global-bundle.pem');
    writeFileSync(bundle, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const aurora =
      'postgres://db.cluster-x.eu-west-1.rds.amazonaws.com:5432/seam?sslmode=no-verify';

    it('verifies the server against the bundle: sslmode=verify-full and sslrootcert', () => {
      const config = SeamConfig.fromEnv({ DATABASE_URL: aurora, SEAM_DB_CA_FILE: bundle }, '/');
      expect(config.databaseUrl?.searchParams.get('sslmode')).toBe('verify-full');
      expect(config.databaseUrl?.searchParams.get('sslrootcert')).toBe(bundle);
      // What pg makes of it: the bundle as the only CA, certificate and host name checked.
      const ssl = parse(config.databaseUrl!.href).ssl as {
        ca?: string;
        rejectUnauthorized?: boolean;
      };
      expect(ssl.ca).toContain('BEGIN CERTIFICATE');
      expect(ssl.rejectUnauthorized).not.toBe(false);
    });

    it('resolves a relative bundle path against the working directory', () => {
      const [dir, file] = [join(bundle, '..'), 'global-bundle.pem'];
      const config = SeamConfig.fromEnv({ DATABASE_URL: aurora, SEAM_DB_CA_FILE: file }, dir);
      expect(config.databaseUrl?.searchParams.get('sslrootcert')).toBe(bundle);
    });

    it('leaves a local URL as given without it', () => {
      const local = 'postgres://admin:pw@127.0.0.1:5432/seam';
      expect(SeamConfig.fromEnv({ DATABASE_URL: local }).databaseUrl?.href).toBe(local);
    });

    it('refuses a bundle that is not there, and a bundle without DATABASE_URL', () => {
      expect(() =>
        SeamConfig.fromEnv({ DATABASE_URL: aurora, SEAM_DB_CA_FILE: '/nowhere/ca.pem' }),
      ).toThrow(/SEAM_DB_CA_FILE: expected a readable CA bundle/);
      expect(() => SeamConfig.fromEnv({ SEAM_DB_CA_FILE: bundle })).toThrow(/DATABASE_URL/);
    });
  });

  it('migrates on start unless SEAM_MIGRATE_ON_START=false (AWS: the migrate task does)', () => {
    expect(SeamConfig.fromEnv({}).migrateOnStart).toBe(true);
    expect(SeamConfig.fromEnv({ SEAM_MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(() => SeamConfig.fromEnv({ SEAM_MIGRATE_ON_START: 'no' })).toThrow(ConfigError);
  });
});
