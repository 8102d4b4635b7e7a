/**
 * Delays between polls of a remote source: the poll interval while answers come, doubling
 * (with jitter, so a fleet throttled together does not return together) after each failure,
 * up to `maxMs`.
 *
 * @example
 * const backoff = new PollBackoff(30_000);
 * backoff.failed(); // 30–60 s
 * backoff.failed(); // 60–120 s
 * backoff.succeeded(); // back to the interval
 */
export class PollBackoff {
  private failures = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly maxMs = Math.max(intervalMs, 300_000),
    /** Returns [0, 1); tests pass a constant. */
    private readonly random: () => number = Math.random,
  ) {}

  /** Failures in a row so far. */
  get failuresInARow(): number {
    return this.failures;
  }

  /** The delay before the next poll after a success. */
  succeeded(): number {
    this.failures = 0;
    return this.intervalMs;
  }

  /** Records a failure and returns the delay before the next attempt. */
  failed(): number {
    this.failures += 1;
    const ceiling = Math.min(this.maxMs, this.intervalMs * 2 ** this.failures);
    // "Equal jitter": at least half the ceiling, so the backoff still grows.
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }
}
