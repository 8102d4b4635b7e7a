import { ConfigError } from '#platform/config';

type RelayOptionValues = {
  [K in keyof RelayOptions as RelayOptions[K] extends number ? K : never]: number;
};

/**
 * How an OutboxRelay works; immutable, validated when built.
 *
 * @example
 * RelayOptions.defaults({ batchSize: 50 });
 */
export class RelayOptions {
  private constructor(
    /** Events claimed per round; never more are held in memory. */
    readonly batchSize: number,
    /** How long a claim lasts; a relay that dies loses its claims after this. */
    readonly leaseMs: number,
    /** Longest wait between rounds when no NOTIFY arrives. */
    readonly pollIntervalMs: number,
    /** Failed deliveries before an event is parked. */
    readonly maxAttempts: number,
    readonly backoffBaseMs: number,
    readonly backoffMaxMs: number,
    /** Delivered events are deleted after this long. */
    readonly retentionMs: number,
  ) {}

  static defaults(overrides: Partial<RelayOptionValues> = {}): RelayOptions {
    const value = (key: keyof RelayOptionValues, fallback: number): number => {
      const chosen = overrides[key] ?? fallback;
      if (!Number.isSafeInteger(chosen) || chosen <= 0) {
        throw new ConfigError(`outbox relay ${key}`, 'a positive integer', String(chosen));
      }
      return chosen;
    };
    return new RelayOptions(
      value('batchSize', 100),
      value('leaseMs', 30_000),
      value('pollIntervalMs', 1_000),
      value('maxAttempts', 10),
      value('backoffBaseMs', 200),
      value('backoffMaxMs', 60_000),
      value('retentionMs', 7 * 24 * 3600_000),
    );
  }

  /** Full-jitter exponential backoff before attempt `attempts + 1`. */
  backoffMs(attempts: number): number {
    const ceiling = Math.min(
      this.backoffMaxMs,
      this.backoffBaseMs * 2 ** Math.min(attempts - 1, 30),
    );
    return Math.max(1, Math.round(Math.random() * ceiling));
  }
}
