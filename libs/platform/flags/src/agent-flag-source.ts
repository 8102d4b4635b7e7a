import type { AppConfigTarget } from './appconfig-flag-source.js';
import { parseJson } from './flag-document.js';
import { FlagSource, type FlagSourceListener, type RawFlagValues } from './flag-source.js';
import { PollBackoff } from './poll-backoff.js';

export interface AgentFlagSourceOptions {
  /** The agent's address; in ECS the sidecar listens on http://localhost:2772. */
  readonly baseUrl?: string | URL;
  readonly pollIntervalMs?: number;
  /** Deadline of one request to the agent. */
  readonly requestTimeoutMs?: number;
  readonly loadAttempts?: number;
  /** Returns [0, 1) for backoff jitter; tests pass a constant. */
  readonly random?: () => number;
}

/**
 * Reads flag values from the AWS AppConfig Agent (the ECS sidecar), which keeps the AppConfig
 * session and cache itself: `GET /applications/<app>/environments/<env>/configurations/<profile>`
 * every poll interval, delivering the answer when its body changed. Failures back off with
 * jitter and keep the values in force.
 *
 * @example
 * const source = new AgentFlagSource(
 *   { application: 'seam', environment: 'prod', profile: 'feature-flags' },
 *   { baseUrl: 'http://localhost:2772' },
 * );
 */
export class AgentFlagSource extends FlagSource {
  readonly description: string;
  readonly url: URL;
  private readonly pollIntervalMs: number;
  private readonly requestTimeoutMs: number;
  private readonly loadAttempts: number;
  private readonly random: () => number;
  private readonly backoff: PollBackoff;
  private lastText: string | undefined;
  private listener: FlagSourceListener | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private abort = new AbortController();

  constructor(target: AppConfigTarget, options: AgentFlagSourceOptions = {}) {
    super();
    const base = new URL(options.baseUrl ?? 'http://localhost:2772');
    const path = [
      'applications',
      target.application,
      'environments',
      target.environment,
      'configurations',
      target.profile,
    ]
      .map(encodeURIComponent)
      .join('/');
    this.url = new URL(`${base.pathname.replace(/\/$/, '')}/${path}`, base);
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5_000;
    this.loadAttempts = options.loadAttempts ?? 4;
    this.random = options.random ?? Math.random;
    this.backoff = new PollBackoff(this.pollIntervalMs, undefined, this.random);
    this.description = `AppConfig agent ${this.url.href}`;
  }

  async load(): Promise<RawFlagValues> {
    this.abort = new AbortController();
    // The sidecar may still be starting: retry briefly before start-up fails.
    const backoff = new PollBackoff(Math.min(this.pollIntervalMs, 500), 5_000, this.random);
    for (let attempt = 1; ; attempt++) {
      try {
        const text = await this.get();
        this.lastText = text;
        return { values: parseJson(text, this.description), origin: this.description };
      } catch (error) {
        if (attempt >= this.loadAttempts || !(error instanceof AgentUnavailable)) throw error;
        await new Promise((resolve) => setTimeout(resolve, backoff.failed()));
      }
    }
  }

  watch(listener: FlagSourceListener): void {
    if (this.listener) return;
    this.listener = listener;
    this.schedule(this.backoff.succeeded());
  }

  async stop(): Promise<void> {
    this.listener = undefined;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.polling;
  }

  private schedule(delayMs: number): void {
    if (!this.listener) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll();
    }, delayMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    let delay: number;
    try {
      const text = await this.get();
      delay = this.backoff.succeeded();
      if (text !== this.lastText && this.listener) {
        this.lastText = text; // a broken document is reported once, not every poll
        try {
          const values = parseJson(text, this.description);
          this.listener.document({ values, origin: this.description });
        } catch (error) {
          this.listener.problem(error as Error, delay);
        }
      }
    } catch (error) {
      if (!this.listener) return;
      delay = this.backoff.failed();
      this.listener.problem(error as Error, delay);
    }
    this.schedule(delay);
  }

  private async get(): Promise<string> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.requestTimeoutMs)]),
        headers: { accept: 'application/json' },
      });
    } catch (error) {
      throw new AgentUnavailable(`${this.description} unreachable: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const text = await response.text();
    if (response.ok) return text;
    const message = `${this.description} answered ${response.status}: ${text.slice(0, 200)}`;
    // The agent answers 5xx while it cannot reach AppConfig yet; 4xx means a wrong name.
    throw response.status >= 500 ? new AgentUnavailable(message) : new Error(message);
  }
}

class AgentUnavailable extends Error {
  override readonly name = 'AgentUnavailable';
}
