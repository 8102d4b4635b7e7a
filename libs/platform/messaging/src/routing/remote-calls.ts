import type { LoggerService } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import CircuitBreaker from 'opossum';
import type { Metrics } from '#platform/observability';
import type { MessageRecord } from '../message-packet.js';
import { ErrorCodes, ModuleError } from '../module-error.js';
import { requestThrough } from '../module-router.js';
import type { BreakerOptions } from './breaker-options.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerStatus {
  readonly module: string;
  readonly pattern: string;
  readonly state: BreakerState;
}

/** A breaker's state with its rolling-window counts and its bulkhead. */
export interface BreakerDetails extends BreakerStatus {
  readonly window: {
    readonly fires: number;
    readonly successes: number;
    readonly failures: number;
    readonly rejects: number;
    readonly timeouts: number;
  };
  readonly bulkhead: { readonly capacity: number; readonly inFlight: number };
}

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

type Call = (record: MessageRecord, timeoutMs: number) => Promise<unknown>;

/**
 * Every call to a module in another process goes through here: an opossum circuit breaker
 * per (module, pattern) with a bulkhead, and retries with full-jitter backoff for idempotent
 * patterns only. Business errors (the other module said no) are answers, not failures: they
 * neither open the breaker nor are retried. While a breaker is open, or its bulkhead is full,
 * callers fail fast with MODULE_UNAVAILABLE.
 */
export class RemoteCalls {
  private readonly breakers = new Map<
    string,
    {
      breaker: CircuitBreaker<Parameters<Call>, unknown>;
      status: () => BreakerStatus;
      /** Calls under way through this breaker now (its bulkhead's occupancy). */
      inFlight: number;
    }
  >();
  private readonly stateGauge;
  private readonly callCounter;

  constructor(
    private readonly client: ClientProxy,
    private readonly options: BreakerOptions,
    metrics: Metrics,
    private readonly logger: LoggerService,
  ) {
    this.stateGauge = metrics.gauge(
      'seam_circuit_breaker_state',
      'Breaker per remote (module, pattern): 0 closed, 1 half-open, 2 open',
      ['module', 'pattern'],
    );
    this.callCounter = metrics.counter(
      'seam_remote_calls_total',
      'Remote calls by outcome: ok, business_error, failed, rejected (breaker open or bulkhead full)',
      ['module', 'pattern', 'outcome'],
    );
  }

  async request(
    module: string,
    pattern: string,
    record: MessageRecord,
    timeoutMs: number,
    idempotent: boolean,
  ): Promise<unknown> {
    const entry = this.breakerFor(module, pattern);
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        entry.inFlight += 1;
        const reply = await entry.breaker
          .fire(record, Math.max(1, deadline - Date.now()))
          .finally(() => (entry.inFlight -= 1));
        this.callCounter.inc({ module, pattern, outcome: 'ok' });
        return reply;
      } catch (error) {
        const failure = this.describe(error, module, pattern);
        this.callCounter.inc({ module, pattern, outcome: outcomeOf(failure) });
        const retry =
          idempotent &&
          attempt <= this.options.retries &&
          isTransient(failure) &&
          Date.now() < deadline;
        if (!retry) throw failure;
        await sleep(Math.random() * Math.min(1_000, 50 * 2 ** attempt));
      }
    }
  }

  /** Every breaker made so far and its state. */
  statuses(): BreakerStatus[] {
    return [...this.breakers.values()].map((entry) => entry.status());
  }

  /**
   * Every breaker with its counts over the rolling window and its bulkhead: calls in flight
   * against the capacity (what the operator console shows live).
   */
  details(): BreakerDetails[] {
    return [...this.breakers.values()].map(({ breaker, status, inFlight }) => {
      const stats = breaker.stats;
      return {
        ...status(),
        window: {
          fires: stats.fires,
          successes: stats.successes,
          failures: stats.failures,
          rejects: stats.rejects,
          timeouts: stats.timeouts,
        },
        bulkhead: {
          capacity: this.options.maxConcurrent,
          inFlight,
        },
      };
    });
  }

  async shutdown(): Promise<void> {
    for (const { breaker } of this.breakers.values()) breaker.shutdown();
    this.breakers.clear();
  }

  private breakerFor(module: string, pattern: string) {
    const key = `${module} ${pattern}`;
    let entry = this.breakers.get(key);
    if (entry) return entry;
    const call: Call = (record, timeoutMs) =>
      requestThrough(this.client, pattern, record, timeoutMs);
    const breaker = new CircuitBreaker(call, {
      name: key,
      timeout: false, // each call carries its own deadline
      errorThresholdPercentage: this.options.errorThresholdPercentage,
      volumeThreshold: this.options.volumeThreshold,
      resetTimeout: this.options.resetTimeoutMs,
      rollingCountTimeout: this.options.windowMs,
      capacity: this.options.maxConcurrent,
      errorFilter: (error: unknown) => isBusinessError(error),
    });
    const state = (): BreakerState =>
      breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
    const record = (next: BreakerState) => {
      this.stateGauge.set({ module, pattern }, STATE_VALUE[next]);
      const log = { module, pattern, state: next };
      if (next === 'open') this.logger.warn(log, `Circuit breaker opened: ${module} is failing`);
      else this.logger.log(log, `Circuit breaker ${next}`);
    };
    breaker.on('open', () => record('open'));
    breaker.on('halfOpen', () => record('half-open'));
    breaker.on('close', () => record('closed'));
    this.stateGauge.set({ module, pattern }, 0);
    entry = { breaker, status: () => ({ module, pattern, state: state() }), inFlight: 0 };
    this.breakers.set(key, entry);
    return entry;
  }

  private describe(error: unknown, module: string, pattern: string): unknown {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'EOPENBREAKER' || code === 'ESEMLOCKED') {
      return ModuleError.unavailable(
        module,
        pattern,
        Math.ceil(this.options.resetTimeoutMs / 1000),
        code === 'EOPENBREAKER' ? 'circuit open' : 'too many calls in flight',
      );
    }
    return error;
  }
}

/** The other module answered with a business error: a valid answer, not a failure. */
function isBusinessError(error: unknown): boolean {
  return (
    error instanceof ModuleError &&
    ![ErrorCodes.MODULE_TIMEOUT, ErrorCodes.INTERNAL, ErrorCodes.MODULE_UNAVAILABLE].includes(
      error.code as never,
    ) &&
    error.code !== ErrorCodes.PATTERN_NOT_FOUND
  );
}

function isTransient(error: unknown): boolean {
  if (error instanceof ModuleError)
    return error.code === ErrorCodes.MODULE_TIMEOUT || error.code === ErrorCodes.INTERNAL;
  return true; // the transport failed (SQS unreachable, throttled): worth another try
}

function outcomeOf(error: unknown): string {
  if (error instanceof ModuleError && error.code === ErrorCodes.MODULE_UNAVAILABLE)
    return 'rejected';
  return isBusinessError(error) ? 'business_error' : 'failed';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
