import { Logger, type LoggerService } from '@nestjs/common';
import { FlagDocumentError } from './flag-document-error.js';
import { shapesOf, type DeclaredFlag, type FlagValue, type RouteMode } from './declared-flags.js';
import type { FlagDocument, FlagState, FlagValues } from './flag-document.js';
import type { FlagSource, RawFlagValues } from './flag-source.js';

/** What a change listener receives. */
export interface FlagChange {
  /** Names of the flags whose state differs, in definition order. */
  readonly changed: readonly string[];
  readonly previous: FlagValues;
  readonly current: FlagValues;
  /** Where the new document came from. */
  readonly origin: string;
}

export type FlagChangeListener = (change: FlagChange) => void;

/** Where calls to a module go now. */
export interface Route {
  readonly mode: RouteMode;
  /** Share of calls (0–100) sent remote in `canary` mode. */
  readonly percent: number;
}

export type FlagsLogger = Pick<LoggerService, 'log' | 'warn' | 'error'>;

export interface FeatureFlagsOptions {
  readonly logger?: FlagsLogger;
  /**
   * The flags the code reads (the module declarations' `flagsOf`): the document must define
   * each with the attribute types declared, or loading fails.
   */
  readonly flags?: readonly DeclaredFlag[];
}

const LOCAL: Route = Object.freeze({ mode: 'local', percent: 0 });

/**
 * The flag values in force, read live by running code. Values come from a FlagSource and are
 * validated against the document's definitions; a rejected document is logged (naming flag
 * and attribute) and the last good values stay. The first document must be good: start-up
 * fails with the same message otherwise.
 *
 * @example
 * const flags = await FeatureFlags.start(new FileFlagSource(path), FlagDocument.load(path));
 * flags.isEnabled(ExpressShipping);
 * flags.get(FraudCheck).maxOrderAmount; // number, typed by the flag's declaration
 * flags.route('payments'); // { mode: 'local', percent: 0 }
 * const unsubscribe = flags.onChange(({ changed }) => log(changed));
 */
export class FeatureFlags {
  private readonly listeners = new Set<FlagChangeListener>();
  private watching = false;

  private constructor(
    readonly document: FlagDocument,
    private readonly source: FlagSource,
    private values: FlagValues,
    private readonly logger: FlagsLogger,
  ) {}

  /**
   * Checks that the document defines every flag in `options.flags`, then loads and validates the
   * first values document. Throws FlagDocumentError (or the source's error). Not watching yet.
   */
  static async load(
    source: FlagSource,
    document: FlagDocument,
    options: FeatureFlagsOptions = {},
  ): Promise<FeatureFlags> {
    const problems = document.problemsWith(shapesOf(options.flags ?? []));
    if (problems.length > 0) throw new FlagDocumentError(document.origin, problems);
    const first = await source.load();
    const notices: string[] = [];
    const values = document.validateValues(first.values, first.origin, 'delivered', notices);
    const logger = options.logger ?? new Logger('FeatureFlags');
    for (const notice of notices) logger.warn(notice);
    logger.log(`Feature flags loaded from ${first.origin}`);
    return new FeatureFlags(document, source, values, logger);
  }

  /** `load`, then `watch`: for tests and scripts without Nest. Call `stop()` when done. */
  static async start(
    source: FlagSource,
    document: FlagDocument,
    options: FeatureFlagsOptions = {},
  ): Promise<FeatureFlags> {
    const flags = await FeatureFlags.load(source, document, options);
    flags.watch();
    return flags;
  }

  /** Follows the source's changes until `stop()`. */
  watch(): void {
    if (this.watching) return;
    this.watching = true;
    this.source.watch({
      document: (raw) => this.apply(raw),
      problem: (error, retryInMs) =>
        this.logger.warn(
          `${this.source.description}: ${error.message}; keeping the flag values in force, trying again in ${retryInMs} ms`,
        ),
    });
  }

  /** Stops following changes; the last values stay readable. */
  async stop(): Promise<void> {
    this.watching = false;
    await this.source.stop();
  }

  isEnabled(flag: DeclaredFlag | string): boolean {
    return this.state(typeof flag === 'string' ? flag : flag.name).enabled;
  }

  /**
   * The flag's state: `enabled` and its attributes, typed by the flag's declaration. By name,
   * untyped (scripts, tests); an unknown name throws.
   */
  get<Attributes extends object>(flag: DeclaredFlag<Attributes>): FlagValue<Attributes>;
  get(name: string): FlagState;
  get(flag: DeclaredFlag | string): FlagState {
    return this.state(typeof flag === 'string' ? flag : flag.name);
  }

  /**
   * Where calls to `module` go: its `route-<module>` flag; a disabled one, or none (a module
   * this build does not declare), means `local`.
   */
  route(module: string): Route {
    const flag = this.values[`route-${module}`];
    return flag?.enabled
      ? { mode: flag.mode as RouteMode, percent: flag.percent as number }
      : LOCAL;
  }

  /** The modules that have a route flag (every declared module), in the document's order. */
  routedModules(): string[] {
    return Object.keys(this.values)
      .filter((name) => name.startsWith('route-'))
      .map((name) => name.slice('route-'.length));
  }

  /** Every flag's state now (frozen). */
  snapshot(): FlagValues {
    return this.values;
  }

  /**
   * Calls `listener` after each accepted document that changes at least one flag.
   * Returns the function that unsubscribes it.
   */
  onChange(listener: FlagChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private state(name: string) {
    const state = this.values[name];
    // A declared flag is always there: load() checked the document defines it.
    if (!state) throw new Error(`Unknown feature flag ${name}`);
    return state;
  }

  private apply(raw: RawFlagValues): void {
    let next: FlagValues;
    try {
      const notices: string[] = [];
      next = this.document.validateValues(raw.values, raw.origin, 'delivered', notices);
      for (const notice of notices) this.logger.warn(notice);
    } catch (error) {
      this.logger.error(`${(error as Error).message}; the flag values in force stay`);
      return;
    }
    const previous = this.values;
    const changed = this.document.flagNames.filter(
      (name) => JSON.stringify(previous[name]) !== JSON.stringify(next[name]),
    );
    if (changed.length === 0) return;
    this.values = next;
    this.logger.log(`Feature flags changed from ${raw.origin}: ${changed.join(', ')}`);
    const change: FlagChange = { changed, previous, current: next, origin: raw.origin };
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error(`A feature flag change listener failed: ${(error as Error).message}`);
      }
    }
  }
}
