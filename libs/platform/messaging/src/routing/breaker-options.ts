import { EnvReader } from '#platform/config';

/**
 * Circuit breaker, bulkhead and retry settings for every remote call; one breaker per
 * (module, pattern). The call's own deadline (SEAM_CALL_TIMEOUT_MS) is its timeout.
 */
export class BreakerOptions {
  constructor(
    /** Failure share (%) within the window that opens the breaker. */
    readonly errorThresholdPercentage = 50,
    /** Calls within the window before the breaker may open. */
    readonly volumeThreshold = 10,
    /** How long the breaker stays open before letting one trial call through. */
    readonly resetTimeoutMs = 5_000,
    /** The rolling window the failure share is measured over. */
    readonly windowMs = 10_000,
    /** Bulkhead: remote calls in flight per (module, pattern); more fail fast. */
    readonly maxConcurrent = 200,
    /** Extra attempts for idempotent (query) patterns after a transient failure. */
    readonly retries = 2,
  ) {}

  /**
   * From `SEAM_BREAKER_ERROR_PERCENT`, `SEAM_BREAKER_VOLUME`, `SEAM_BREAKER_RESET_MS`,
   * `SEAM_BREAKER_WINDOW_MS`, `SEAM_BREAKER_MAX_CONCURRENT` and `SEAM_REMOTE_RETRIES`.
   */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): BreakerOptions {
    const read = new EnvReader(env);
    return new BreakerOptions(
      read.integer('SEAM_BREAKER_ERROR_PERCENT', { default: 50, min: 1, max: 100 }),
      read.integer('SEAM_BREAKER_VOLUME', { default: 10, min: 1, max: 100_000 }),
      read.integer('SEAM_BREAKER_RESET_MS', { default: 5_000, min: 100, max: 600_000 }),
      read.integer('SEAM_BREAKER_WINDOW_MS', { default: 10_000, min: 1_000, max: 600_000 }),
      read.integer('SEAM_BREAKER_MAX_CONCURRENT', { default: 200, min: 1, max: 100_000 }),
      read.integer('SEAM_REMOTE_RETRIES', { default: 2, min: 0, max: 10 }),
    );
  }
}
