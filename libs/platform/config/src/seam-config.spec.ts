import { describe, expect, it } from '@jest/globals';
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
});
