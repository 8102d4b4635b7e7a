import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AppConfigDataClient,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { AppConfigServer } from '../../../../test/support/aws/appconfig.server.js';
import { eventually } from '../../../../test/support/eventually.js';
import { AgentFlagSource } from './agent-flag-source.js';
import { AppConfigFlagSource, isTransient, type AppConfigTarget } from './appconfig-flag-source.js';
import { FeatureFlags, type FlagChange } from './feature-flags.js';
import { FlagDocument } from './flag-document.js';
import { FlagsOptions } from './flags-options.js';

const document = FlagDocument.load(FlagsOptions.defaults().file, 'feature-flags.json');

/**
 * The values as AppConfig hands them out for a FeatureFlags profile: flattened, and a disabled
 * flag without its attributes.
 */
function delivered(changes: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  const values: Record<string, Record<string, unknown>> = {
    ...(document.json.values as Record<string, Record<string, unknown>>),
    ...changes,
  };
  return Object.fromEntries(
    Object.entries(values).map(([flag, value]) => [
      flag,
      value.enabled === false ? { enabled: false } : value,
    ]),
  );
}

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const push = (level: string) => (message: string) => void lines.push({ level, message });
  return {
    log: push('log'),
    warn: push('warn'),
    error: push('error'),
    messages: (level: string) =>
      lines.filter((line) => line.level === level).map((line) => line.message),
  };
}

/** Resolves with the next change event. */
function nextChange(flags: FeatureFlags): Promise<FlagChange> {
  return new Promise((resolve) => {
    const unsubscribe = flags.onChange((change) => {
      unsubscribe();
      resolve(change);
    });
  });
}

/** An application of its own per test, so the shared server's records never mix. */
function freshTarget(): AppConfigTarget {
  return { application: `seam-${randomUUID().slice(0, 8)}`, environment: 'test', profile: 'flags' };
}

describe('flags from AppConfig', () => {
  const server = new AppConfigServer();
  let client: AppConfigDataClient;
  let flags: FeatureFlags | undefined;

  beforeAll(async () => {
    await server.start();
    // AWS never asks for less than 15 s; the test server answers 0 so a poll takes milliseconds.
    server.nextPollIntervalSeconds = 0;
    client = server.client();
  });

  afterEach(async () => {
    await flags?.stop();
    flags = undefined;
  });

  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  const start = async (target: AppConfigTarget, options: { random?: () => number } = {}) => {
    const logger = recordingLogger();
    const source = new AppConfigFlagSource(client, target, { pollIntervalMs: 50, ...options });
    flags = await FeatureFlags.start(source, document, { logger });
    return { flags, logger };
  };
  const sessionsOf = (target: AppConfigTarget) =>
    server
      .calls({ operation: 'StartConfigurationSession' })
      .filter((call) => call.request.ApplicationIdentifier === target.application);
  const pollsOf = (session: string) =>
    server.calls({ operation: 'GetLatestConfiguration', session });

  it('starts a session for the application, environment and profile, and loads the values', async () => {
    const target = freshTarget();
    server.publish(
      target,
      delivered({ 'route-payments': { enabled: true, mode: 'shadow', percent: 0 } }),
    );

    const { flags } = await start(target);

    expect(sessionsOf(target)).toEqual([
      expect.objectContaining({
        request: {
          ApplicationIdentifier: target.application,
          EnvironmentIdentifier: 'test',
          ConfigurationProfileIdentifier: 'flags',
          RequiredMinimumPollIntervalInSeconds: 15,
        },
      }),
    ]);
    expect(flags.route('payments')).toEqual({ mode: 'shadow', percent: 0 });
    expect(flags.get('fraud-check')).toEqual({ enabled: false, maxOrderAmount: 100000 });
  });

  it('presents on every poll the token the previous answer returned', async () => {
    const target = freshTarget();
    server.publish(target, delivered());
    await start(target);
    const [session] = sessionsOf(target);

    const polls = await eventually(
      () => pollsOf(session!.session!),
      (calls) => calls.length >= 5,
      'five polls',
    );

    expect(polls[0]!.token).toBe(session!.nextToken);
    for (let index = 1; index < polls.length; index++) {
      expect(polls[index]!.token).toBe(polls[index - 1]!.nextToken);
    }
    expect(polls.map((call) => call.error)).toEqual(polls.map(() => undefined));
  });

  it('keeps the values when AppConfig answers with an empty body (unchanged)', async () => {
    const target = freshTarget();
    server.publish(
      target,
      delivered({ 'express-shipping': { enabled: true, surchargePercent: 40 } }),
    );
    const { flags } = await start(target);
    const changes: FlagChange[] = [];
    flags.onChange((change) => changes.push(change));
    const [session] = sessionsOf(target);

    const polls = await eventually(
      () => pollsOf(session!.session!),
      (calls) => calls.length >= 4,
      'polls answered "unchanged"',
    );

    expect(polls[0]!.served).toBe('1');
    expect(polls.slice(1).map((call) => call.served)).toEqual(polls.slice(1).map(() => undefined));
    expect(changes).toEqual([]);
    expect(flags.get('express-shipping')).toEqual({ enabled: true, surchargePercent: 40 });
  });

  it('sees a flag flip within one poll', async () => {
    const target = freshTarget();
    server.publish(target, delivered());
    const { flags } = await start(target);
    const change = nextChange(flags);

    server.publish(
      target,
      delivered({ 'route-payments': { enabled: true, mode: 'remote', percent: 0 } }),
    );

    expect((await change).changed).toEqual(['route-payments']);
    expect(flags.route('payments')).toEqual({ mode: 'remote', percent: 0 });
    expect((await change).origin).toBe(`AppConfig ${target.application}/test/flags version 2`);
  });

  it('backs off exponentially while throttled, keeps the values, and recovers', async () => {
    const target = freshTarget();
    server.publish(target, delivered({ 'fraud-check': { enabled: true, maxOrderAmount: 700 } }));
    const { flags, logger } = await start(target, { random: () => 1 });
    const [session] = sessionsOf(target);

    server.throttleNext(3);
    const change = nextChange(flags);
    await eventually(
      () => pollsOf(session!.session!).map((call) => call.error),
      (errors) => errors.filter((error) => error === 'ThrottlingException').length === 3,
      'three throttled polls',
    );
    expect(flags.get('fraud-check')).toEqual({ enabled: true, maxOrderAmount: 700 });
    server.publish(target, delivered({ 'fraud-check': { enabled: false } }));

    expect((await change).changed).toEqual(['fraud-check']);
    const warnings = logger.messages('warn');
    expect(warnings).toHaveLength(3);
    expect(warnings.map((warning) => /trying again in (\d+) ms/.exec(warning)?.[1])).toEqual([
      '100',
      '200',
      '400',
    ]);
    expect(warnings[0]).toContain('ThrottlingException');
    // The throttled calls presented a token that stayed valid: same session throughout.
    expect(sessionsOf(target)).toHaveLength(1);
  });

  it('backs off on server errors and keeps the values', async () => {
    const target = freshTarget();
    server.publish(target, delivered());
    const { flags, logger } = await start(target);
    const change = nextChange(flags);

    server.failNext(2);
    server.publish(
      target,
      delivered({ 'express-shipping': { enabled: true, surchargePercent: 0 } }),
    );

    expect((await change).changed).toEqual(['express-shipping']);
    expect(logger.messages('warn')).toEqual([
      expect.stringContaining('InternalServerException'),
      expect.stringContaining('InternalServerException'),
    ]);
    expect(flags.get('express-shipping').surchargePercent).toBe(0);
  });

  it('rejects a bad document, naming flag and attribute, while the old one stays in force', async () => {
    const target = freshTarget();
    server.publish(
      target,
      delivered({ 'route-payments': { enabled: true, mode: 'canary', percent: 5 } }),
    );
    const { flags, logger } = await start(target);
    const [session] = sessionsOf(target);

    server.publish(
      target,
      delivered({ 'route-payments': { enabled: true, mode: 'far', percent: 5 } }),
    );
    await eventually(
      () => logger.messages('error'),
      (errors) => errors.length > 0,
      'the rejection to be logged',
    );

    expect(logger.messages('error')).toEqual([
      `Flag document from AppConfig ${target.application}/test/flags version 2 rejected: route-payments.mode: expected one of local|shadow|canary|remote, got "far"; the flag values in force stay`,
    ]);
    expect(flags.route('payments')).toEqual({ mode: 'canary', percent: 5 });
    expect(pollsOf(session!.session!).some((call) => call.served === '2')).toBe(true);

    const change = nextChange(flags);
    server.publish(
      target,
      delivered({ 'route-payments': { enabled: true, mode: 'canary', percent: 50 } }),
    );
    expect((await change).current['route-payments']).toEqual({
      enabled: true,
      mode: 'canary',
      percent: 50,
    });
  });

  it('starts a new session when AppConfig refuses an expired token', async () => {
    const target = freshTarget();
    server.publish(target, delivered());
    const { flags, logger } = await start(target);

    server.expireTokens();
    await eventually(
      () => sessionsOf(target),
      (sessions) => sessions.length === 2,
      'a new session',
    );
    const change = nextChange(flags);
    server.publish(target, delivered({ 'route-catalog': { enabled: false } }));

    expect((await change).changed).toEqual(['route-catalog']);
    expect(flags.route('catalog')).toEqual({ mode: 'local', percent: 0 });
    const [first] = sessionsOf(target);
    expect(pollsOf(first!.session!).map((call) => call.error)).toContain('BadRequestException');
    expect(logger.messages('warn')).toEqual([]);
    expect(logger.messages('error')).toEqual([]);
  });

  it('counts an AppConfig it cannot reach as a passing problem, not a final answer', async () => {
    const unreachable = new AppConfigDataClient({
      endpoint: 'http://127.0.0.1:1',
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const error = await unreachable
      .send(
        new StartConfigurationSessionCommand({
          ApplicationIdentifier: 'seam',
          EnvironmentIdentifier: 'test',
          ConfigurationProfileIdentifier: 'flags',
        }),
      )
      .catch((caught: unknown) => caught);
    unreachable.destroy();
    expect(isTransient(error)).toBe(true);
  });

  it('retries a throttled start-up', async () => {
    const target = freshTarget();
    server.publish(
      target,
      delivered({ 'express-shipping': { enabled: true, surchargePercent: 10 } }),
    );
    server.throttleNext(2, 'StartConfigurationSession');

    const { flags } = await start(target);

    expect(flags.get('express-shipping').surchargePercent).toBe(10);
    expect(sessionsOf(target).map((call) => call.error)).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      undefined,
    ]);
  });

  it('fails start-up when the configuration does not exist', async () => {
    await expect(start(freshTarget())).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('fails start-up when the first document is bad, naming flag and attribute', async () => {
    const target = freshTarget();
    server.publish(target, delivered({ 'fraud-check': { enabled: true, maxOrderAmount: -5 } }));
    await expect(start(target)).rejects.toThrow(
      `Flag document from AppConfig ${target.application}/test/flags version 1 rejected: fraud-check.maxOrderAmount: expected a number >= 1, got -5`,
    );
  });

  describe('through the AppConfig agent', () => {
    const startAgent = async (target: AppConfigTarget) => {
      const logger = recordingLogger();
      const source = new AgentFlagSource(target, {
        baseUrl: server.url,
        pollIntervalMs: 50,
        random: () => 1,
      });
      flags = await FeatureFlags.start(source, document, { logger });
      return { flags, logger, source };
    };
    const agentCallsOf = (target: AppConfigTarget) =>
      server
        .calls({ operation: 'AgentGetConfiguration' })
        .filter((call) => call.request.application === target.application);

    it('reads /applications/<app>/environments/<env>/configurations/<profile>', async () => {
      const target = { ...freshTarget(), environment: 'prod eu' };
      server.publish(
        target,
        delivered({ 'route-inventory': { enabled: true, mode: 'canary', percent: 10 } }),
      );

      const { flags, source } = await startAgent(target);

      expect(source.url.pathname).toBe(
        `/applications/${target.application}/environments/prod%20eu/configurations/flags`,
      );
      expect(flags.route('inventory')).toEqual({ mode: 'canary', percent: 10 });
      expect(agentCallsOf(target)[0]!.request).toEqual(target);
    });

    it('sees a flag flip within one poll', async () => {
      const target = freshTarget();
      server.publish(target, delivered());
      const { flags } = await startAgent(target);
      const change = nextChange(flags);

      server.publish(
        target,
        delivered({ 'express-shipping': { enabled: true, surchargePercent: 250 } }),
      );

      expect((await change).changed).toEqual(['express-shipping']);
      expect(flags.get('express-shipping')).toEqual({ enabled: true, surchargePercent: 250 });
    });

    it('backs off while the agent fails, keeping the values', async () => {
      const target = freshTarget();
      server.publish(target, delivered());
      const { flags, logger } = await startAgent(target);
      const change = nextChange(flags);

      server.failNext(2, { operation: 'AgentGetConfiguration', status: 503, type: 'Unavailable' });
      server.publish(
        target,
        delivered({ 'route-ordering': { enabled: true, mode: 'remote', percent: 0 } }),
      );

      expect((await change).changed).toEqual(['route-ordering']);
      const warnings = logger.messages('warn');
      expect(warnings.map((warning) => /trying again in (\d+) ms/.exec(warning)?.[1])).toEqual([
        '100',
        '200',
      ]);
      expect(warnings[0]).toContain('answered 503');
    });

    it('rejects a bad document while the old one stays in force', async () => {
      const target = freshTarget();
      server.publish(target, delivered());
      const { flags, logger } = await startAgent(target);

      server.publish(
        target,
        delivered({ 'route-payments': { enabled: 'yes', mode: 'local', percent: 0 } }),
      );
      await eventually(
        () => logger.messages('error'),
        (errors) => errors.length > 0,
        'a rejection',
      );

      expect(logger.messages('error')[0]).toContain(
        'route-payments.enabled: expected true or false, got "yes"',
      );
      expect(flags.isEnabled('route-payments')).toBe(true);
    });

    it('waits for an agent that is still starting, and fails start-up on a wrong name', async () => {
      const target = freshTarget();
      server.publish(target, delivered());
      server.failNext(2, { operation: 'AgentGetConfiguration', status: 503, type: 'Unavailable' });
      await startAgent(target);
      expect(agentCallsOf(target).map((call) => call.error)).toEqual([
        'Unavailable',
        'Unavailable',
        undefined,
      ]);
      await flags?.stop();

      await expect(startAgent(freshTarget())).rejects.toThrow(/answered 404/);
    });
  });
});
