import { afterEach, describe, expect, it } from '@jest/globals';
import { defineFlag, routeFlag, type RouteMode } from './declared-flags.js';
import { FeatureFlags, type FlagChange, type FlagsLogger } from './feature-flags.js';
import { FlagDocument } from './flag-document.js';
import { FlagSource, type FlagSourceListener, type RawFlagValues } from './flag-source.js';
import { FlagsOptions } from './flags-options.js';

const document = FlagDocument.load(FlagsOptions.defaults().file, 'feature-flags.json');

/** Flags declared as a module declares its own, matching the repository document. */
const RoutePayments = routeFlag('payments');
const ExpressShipping = defineFlag('express-shipping', {
  title: 'Express shipping',
  description: 'Express delivery at a surcharge',
  attributes: {
    surchargePercent: { description: 'percent', constraints: { type: 'number', minimum: 0 } },
  },
  initial: { enabled: false, surchargePercent: 100 },
});
const FraudCheck = defineFlag('fraud-check', {
  title: 'Fraud check',
  description: 'Declines large orders',
  attributes: {
    maxOrderAmount: { description: 'minor units', constraints: { type: 'number', minimum: 1 } },
  },
  initial: { enabled: false, maxOrderAmount: 100000 },
});
/** What the code under test reads. */
const READ = [
  RoutePayments,
  routeFlag('catalog'),
  routeFlag('shipping'),
  ExpressShipping,
  FraudCheck,
];

/** A source the test drives by hand. */
class ManualFlagSource extends FlagSource {
  readonly description = 'manual source';
  listener: FlagSourceListener | undefined;
  stopped = false;

  constructor(private readonly first: unknown) {
    super();
  }

  async load(): Promise<RawFlagValues> {
    return { values: this.first, origin: 'manual version 1' };
  }

  watch(listener: FlagSourceListener): void {
    this.listener = listener;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listener = undefined;
  }

  deliver(values: unknown, origin = 'manual version 2'): void {
    this.listener!.document({ values, origin });
  }
}

/** Keeps log lines for assertions. */
class RecordingLogger implements FlagsLogger {
  readonly lines: { level: 'log' | 'warn' | 'error'; message: string }[] = [];
  log(message: string): void {
    this.lines.push({ level: 'log', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  messages(level: 'log' | 'warn' | 'error'): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }
}

/** The repository defaults with some flags replaced. */
function values(changes: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  return { ...document.json.values, ...changes };
}

describe('FeatureFlags', () => {
  let flags: FeatureFlags | undefined;
  afterEach(async () => {
    await flags?.stop();
    flags = undefined;
  });

  const start = async (first: unknown = values()) => {
    const source = new ManualFlagSource(first);
    const logger = new RecordingLogger();
    flags = await FeatureFlags.start(source, document, { logger, flags: READ });
    return { flags, source, logger };
  };

  it('answers isEnabled, get and route from the first document', async () => {
    const { flags } = await start(
      values({
        'route-payments': { enabled: true, mode: 'canary', percent: 25 },
        'express-shipping': { enabled: true, surchargePercent: 50 },
      }),
    );

    expect(flags.isEnabled(ExpressShipping)).toBe(true);
    expect(flags.isEnabled('fraud-check')).toBe(false);
    const express = flags.get(ExpressShipping);
    const surcharge: number = express.surchargePercent;
    expect(surcharge).toBe(50);
    expect(flags.get(FraudCheck)).toEqual({ enabled: false, maxOrderAmount: 100000 });
    expect(flags.route('payments')).toEqual({ mode: 'canary', percent: 25 });
    expect(flags.route('catalog')).toEqual({ mode: 'local', percent: 0 });
  });

  it('types get() by the declared flag, and throws for an unknown name', async () => {
    const { flags } = await start();
    const route = flags.get(RoutePayments);
    const mode: RouteMode = route.mode;
    expect(mode).toBe('local');
    expect(() => flags.get('route-billing')).toThrow('Unknown feature flag route-billing');
    // @ts-expect-error express-shipping has no mode
    expect(flags.get(ExpressShipping).mode).toBeUndefined();
  });

  it('routes a module the build does not declare locally', async () => {
    const { flags } = await start();
    expect(flags.route('billing')).toEqual({ mode: 'local', percent: 0 });
  });

  it('routes a module locally while its routing flag is disabled, whatever its mode', async () => {
    const { flags } = await start(
      values({ 'route-shipping': { enabled: false, mode: 'remote', percent: 100 } }),
    );
    expect(flags.route('shipping')).toEqual({ mode: 'local', percent: 0 });
    expect(flags.get('route-shipping').mode).toBe('remote');
  });

  it('tells listeners which flags changed, with the previous and current values', async () => {
    const { flags, source } = await start();
    const changes: FlagChange[] = [];
    flags.onChange((change) => changes.push(change));

    source.deliver(values({ 'route-payments': { enabled: true, mode: 'remote', percent: 0 } }));

    expect(changes).toHaveLength(1);
    expect(changes[0]!.changed).toEqual(['route-payments']);
    expect(changes[0]!.previous['route-payments']).toEqual({
      enabled: true,
      mode: 'local',
      percent: 0,
    });
    expect(changes[0]!.current['route-payments']).toEqual({
      enabled: true,
      mode: 'remote',
      percent: 0,
    });
    expect(changes[0]!.origin).toBe('manual version 2');
    expect(flags.route('payments').mode).toBe('remote');
  });

  it('stays quiet when a document changes nothing', async () => {
    const { flags, source } = await start();
    const changes: FlagChange[] = [];
    flags.onChange((change) => changes.push(change));
    source.deliver(values());
    expect(changes).toEqual([]);
  });

  it('stops calling a listener once it unsubscribes', async () => {
    const { flags, source } = await start();
    const changes: string[][] = [];
    const unsubscribe = flags.onChange(({ changed }) => changes.push([...changed]));
    source.deliver(values({ 'fraud-check': { enabled: true, maxOrderAmount: 5000 } }));
    unsubscribe();
    source.deliver(values({ 'fraud-check': { enabled: false, maxOrderAmount: 5000 } }));
    expect(changes).toEqual([['fraud-check']]);
    expect(flags.isEnabled('fraud-check')).toBe(false);
  });

  it('rejects a bad document with an error naming flag and attribute, and keeps the values in force', async () => {
    const { flags, source, logger } = await start();
    const changes: FlagChange[] = [];
    flags.onChange((change) => changes.push(change));

    source.deliver(
      values({
        'route-payments': { enabled: true, mode: 'far', percent: 0 },
        'express-shipping': { enabled: true, surchargePercent: 100 },
      }),
      'manual version 3',
    );

    expect(changes).toEqual([]);
    expect(flags.isEnabled('express-shipping')).toBe(false);
    expect(flags.route('payments')).toEqual({ mode: 'local', percent: 0 });
    expect(logger.messages('error')).toEqual([
      expect.stringContaining(
        'manual version 3 rejected: route-payments.mode: expected one of local|shadow|canary|remote, got "far"',
      ),
    ]);
  });

  it('fails to start when the first document is bad, with the same message', async () => {
    await expect(
      start(values({ 'route-payments': { enabled: true, mode: 'far', percent: 0 } })),
    ).rejects.toThrow(
      'Flag document from manual version 1 rejected: route-payments.mode: expected one of local|shadow|canary|remote, got "far"',
    );
  });

  it('fails to start when the document lacks a flag the code reads', async () => {
    const json = structuredClone(document.json) as unknown as {
      flags: Record<string, unknown>;
      values: Record<string, unknown>;
    };
    delete json.flags['route-payments'];
    delete json.values['route-payments'];
    const partial = FlagDocument.from(json, 'partial.json');
    await expect(
      FeatureFlags.start(new ManualFlagSource(json.values), partial, { flags: READ }),
    ).rejects.toThrow(
      'Flag document from partial.json rejected: flags.route-payments: the code reads this flag; define it',
    );
  });

  it('keeps telling other listeners when one of them throws', async () => {
    const { flags, source, logger } = await start();
    const seen: string[] = [];
    flags.onChange(() => {
      throw new Error('listener broke');
    });
    flags.onChange(({ changed }) => seen.push(...changed));
    source.deliver(values({ 'fraud-check': { enabled: true, maxOrderAmount: 1 } }));
    expect(seen).toEqual(['fraud-check']);
    expect(logger.messages('error')).toEqual([expect.stringContaining('listener broke')]);
  });

  it('logs a source problem as a warning and keeps the values', async () => {
    const { flags, source, logger } = await start();
    source.listener!.problem(new Error('AppConfig unreachable'), 60_000);
    expect(logger.messages('warn')).toEqual([
      'manual source: AppConfig unreachable; keeping the flag values in force, trying again in 60000 ms',
    ]);
    expect(flags.route('payments').mode).toBe('local');
  });

  it('stops its source on stop()', async () => {
    const { flags, source } = await start();
    await flags.stop();
    expect(source.stopped).toBe(true);
    expect(flags.isEnabled('route-payments')).toBe(true);
  });
});
