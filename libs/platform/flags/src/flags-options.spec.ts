import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '#platform/config';
import { AgentFlagSource } from './agent-flag-source.js';
import { AppConfigFlagSource } from './appconfig-flag-source.js';
import { FileFlagSource } from './file-flag-source.js';
import { FlagsOptions } from './flags-options.js';
import { createFlagSource } from './flags.module.js';

describe('FlagsOptions.fromEnv', () => {
  it('reads the repository document by default, from the project root whatever the working directory', () => {
    const options = FlagsOptions.fromEnv({}, '/repo');
    expect(options).toMatchObject({
      source: 'file',
      file: '/repo/terraform/appconfig/feature-flags.json',
      pollIntervalMs: 30000,
      appConfig: undefined,
    });
    expect(options.fileLabel('/repo')).toBe('terraform/appconfig/feature-flags.json');
  });

  it('resolves SEAM_FLAGS_FILE from the project root, and keeps an absolute one', () => {
    expect(FlagsOptions.fromEnv({ SEAM_FLAGS_FILE: 'flags/local.json' }, '/repo').file).toBe(
      '/repo/flags/local.json',
    );
    expect(FlagsOptions.fromEnv({ SEAM_FLAGS_FILE: '/etc/seam/flags.json' }, '/repo').file).toBe(
      '/etc/seam/flags.json',
    );
  });

  it('reads the AppConfig application, environment, profile and poll interval', () => {
    const options = FlagsOptions.fromEnv(
      {
        SEAM_FLAGS_SOURCE: 'appconfig',
        SEAM_APPCONFIG_APPLICATION: 'seam',
        SEAM_APPCONFIG_ENVIRONMENT: 'prod',
        SEAM_APPCONFIG_PROFILE: 'feature-flags',
        SEAM_FLAGS_POLL_INTERVAL_MS: '45000',
      },
      '/repo',
    );
    expect(options).toMatchObject({
      source: 'appconfig',
      pollIntervalMs: 45000,
      appConfig: { application: 'seam', environment: 'prod', profile: 'feature-flags' },
    });
  });

  it('makes the source it names: the file, the AppConfig agent, or AppConfig through the SDK', async () => {
    const target = {
      SEAM_APPCONFIG_APPLICATION: 'seam',
      SEAM_APPCONFIG_ENVIRONMENT: 'prod',
      SEAM_APPCONFIG_PROFILE: 'feature-flags',
    };
    expect(await createFlagSource(FlagsOptions.fromEnv({}, '/repo'))).toBeInstanceOf(
      FileFlagSource,
    );
    expect(
      await createFlagSource(FlagsOptions.fromEnv({ SEAM_FLAGS_SOURCE: 'agent', ...target })),
    ).toBeInstanceOf(AgentFlagSource);
    expect(
      await createFlagSource(FlagsOptions.fromEnv({ SEAM_FLAGS_SOURCE: 'appconfig', ...target })),
    ).toBeInstanceOf(AppConfigFlagSource);
  });

  it('points the agent source at localhost:2772 unless told otherwise', () => {
    const env = {
      SEAM_FLAGS_SOURCE: 'agent',
      SEAM_APPCONFIG_APPLICATION: 'seam',
      SEAM_APPCONFIG_ENVIRONMENT: 'prod',
      SEAM_APPCONFIG_PROFILE: 'feature-flags',
    };
    expect(FlagsOptions.fromEnv(env, '/repo').agentUrl.href).toBe('http://localhost:2772/');
    expect(
      FlagsOptions.fromEnv({ ...env, SEAM_APPCONFIG_AGENT_URL: 'http://127.0.0.1:9999' }, '/repo')
        .agentUrl.href,
    ).toBe('http://127.0.0.1:9999/');
  });

  it.each([
    [{ SEAM_FLAGS_SOURCE: 's3' }, 'SEAM_FLAGS_SOURCE', 'one of file, appconfig, agent'],
    [
      { SEAM_FLAGS_POLL_INTERVAL_MS: '10' },
      'SEAM_FLAGS_POLL_INTERVAL_MS',
      'an integer from 1000 to 86400000',
    ],
    [
      { SEAM_FLAGS_SOURCE: 'appconfig' },
      'SEAM_APPCONFIG_APPLICATION',
      'the AppConfig application name or id (1 to 128 characters; required with SEAM_FLAGS_SOURCE=appconfig)',
    ],
    [
      {
        SEAM_FLAGS_SOURCE: 'agent',
        SEAM_APPCONFIG_APPLICATION: 'seam',
        SEAM_APPCONFIG_ENVIRONMENT: 'prod',
      },
      'SEAM_APPCONFIG_PROFILE',
      'the AppConfig configuration profile name or id (1 to 128 characters; required with SEAM_FLAGS_SOURCE=agent)',
    ],
    [
      { SEAM_APPCONFIG_AGENT_URL: 'ftp://agent' },
      'SEAM_APPCONFIG_AGENT_URL',
      'a URL with protocol http or https',
    ],
  ])('rejects %j, naming the key and the expected shape', (env, key, expected) => {
    const error = (() => {
      try {
        FlagsOptions.fromEnv(env, '/repo');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ key, expected });
  });

  it('refuses options built in code that lack what their source needs', () => {
    expect(() => new FlagsOptions('appconfig', '/repo/flags.json')).toThrow(ConfigError);
    expect(() => new FlagsOptions('file', 'relative.json')).toThrow(
      /flags file: expected an absolute path/,
    );
    expect(() => new FlagsOptions('file', '/repo/flags.json', 0)).toThrow(/a positive integer/);
  });
});
