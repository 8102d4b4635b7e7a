import { Logger, type LoggerService } from '@nestjs/common';
import { FlagDocumentError } from './flag-document-error.js';
import type { FlagDocument, FlagValues } from './flag-document.js';
import type { FlagSource, RawFlagValues } from './flag-source.js';
import {
  KNOWN_FLAG_SHAPES,
  type FlagName,
  type FlagValue,
  type RouteMode,
  type RoutedModule,
} from './known-flags.js';

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
 * flags.isEnabled('express-shipping');
 * flags.get('fraud-check').maxOrderAmount; // number, minor units
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
   * Checks that the document defines every flag the code reads, then loads and validates the
   * first values document. Throws FlagDocumentError (or the source's error). Not watching yet.
   */
  static async load(
    source: FlagSource,
    document: FlagDocument,
    options: FeatureFlagsOptions = {},
  ): Promise<FeatureFlags> {
    const problems = document.problemsWith(KNOWN_FLAG_SHAPES);
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

  isEnabled(name: FlagName): boolean {
    return this.state(name).enabled;
  }

  /** The flag's state: `enabled` and its attributes. */
  get<N extends FlagName>(name: N): FlagValue<N> {
    return this.state(name) as unknown as FlagValue<N>;
  }

  /** Where calls to `module` go; a disabled routing flag means `local`. */
  route(module: RoutedModule): Route {
    const flag = this.get(`route-${module}`);
    return flag.enabled ? { mode: flag.mode, percent: flag.percent } : LOCAL;
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
    // Only reachable by casting around FlagName: load() checked every known flag is defined.
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
