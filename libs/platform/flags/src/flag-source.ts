/** One values document as a source delivered it, not yet validated. */
export interface RawFlagValues {
  /** The parsed JSON: `{ "<flag>": { "enabled": true, "<attribute>": … } }`. */
  readonly values: unknown;
  /** Where it came from, for messages: a file, `AppConfig seam/prod/flags version 7`, the agent URL. */
  readonly origin: string;
}

/** What a source reports while it watches. */
export interface FlagSourceListener {
  /** A document that differs from the last one delivered. */
  document(raw: RawFlagValues): void;
  /**
   * The source could not get a document (unreachable, throttled, unreadable, not JSON); the
   * values in force stay. `retryInMs` says when it tries again.
   */
  problem(error: Error, retryInMs: number): void;
}

/**
 * Where flag values come from: the local document, AppConfig (SDK), or the AppConfig agent.
 * `load()` fetches the first document (start-up waits for it and fails if it cannot be had);
 * `watch()` then delivers every change until `stop()`.
 *
 * @example
 * const source = new FileFlagSource('terraform/appconfig/feature-flags.json');
 * const first = await source.load();
 * source.watch({ document: (raw) => apply(raw), problem: (error) => log(error) });
 * await source.stop();
 */
export abstract class FlagSource {
  /** Where documents come from, for log lines. */
  abstract readonly description: string;
  abstract load(): Promise<RawFlagValues>;
  abstract watch(listener: FlagSourceListener): void;
  abstract stop(): Promise<void>;
}
