import {
  BadRequestException,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
  type AppConfigDataClient,
} from '@aws-sdk/client-appconfigdata';
import { parseJson } from './flag-document.js';
import { FlagSource, type FlagSourceListener, type RawFlagValues } from './flag-source.js';
import { PollBackoff } from './poll-backoff.js';

/** The AppConfig application, environment and configuration profile (names or ids). */
export interface AppConfigTarget {
  readonly application: string;
  readonly environment: string;
  readonly profile: string;
}

export interface AppConfigFlagSourceOptions {
  /** Wait between polls; AppConfig's NextPollIntervalInSeconds wins when it is longer. */
  readonly pollIntervalMs?: number;
  /** Attempts at the first document before start-up fails (throttling, 5xx, network). */
  readonly loadAttempts?: number;
  /** Returns [0, 1) for backoff jitter; tests pass a constant. */
  readonly random?: () => number;
  /** `stop()` destroys the client (when the source made it for itself). */
  readonly closeClientOnStop?: boolean;
}

/** AppConfig's bounds for RequiredMinimumPollIntervalInSeconds. */
const MIN_POLL_SECONDS = 15;
const MAX_POLL_SECONDS = 86_400;

/**
 * Reads flag values from AWS AppConfig with the AppConfigData API: StartConfigurationSession
 * once, then GetLatestConfiguration with the token the previous answer returned. An empty
 * body means "unchanged". Throttling and server errors back off with jitter and keep the
 * values in force; a refused (expired) token starts a new session. AppConfig delivers only
 * the flattened values, which FeatureFlags validates against the repository's definitions.
 *
 * @example
 * const source = new AppConfigFlagSource(new AppConfigDataClient({}), {
 *   application: 'seam', environment: 'prod', profile: 'feature-flags',
 * });
 */
export class AppConfigFlagSource extends FlagSource {
  readonly description: string;
  private readonly pollIntervalMs: number;
  private readonly loadAttempts: number;
  private readonly backoff: PollBackoff;
  private readonly random: () => number;
  private token: string | undefined;
  /** NextPollIntervalInSeconds of the last answer, in ms. */
  private serverIntervalMs = 0;
  private listener: FlagSourceListener | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private abort = new AbortController();
  private readonly closeClientOnStop: boolean;

  constructor(
    private readonly client: AppConfigDataClient,
    private readonly target: AppConfigTarget,
    options: AppConfigFlagSourceOptions = {},
  ) {
    super();
    this.closeClientOnStop = options.closeClientOnStop ?? false;
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.loadAttempts = options.loadAttempts ?? 4;
    this.random = options.random ?? Math.random;
    this.backoff = new PollBackoff(this.pollIntervalMs, undefined, this.random);
    this.description = `AppConfig ${target.application}/${target.environment}/${target.profile}`;
  }

  async load(): Promise<RawFlagValues> {
    this.abort = new AbortController();
    const backoff = new PollBackoff(Math.min(this.pollIntervalMs, 500), 10_000, this.random);
    for (let attempt = 1; ; attempt++) {
      try {
        this.token = undefined;
        const answer = await this.latest();
        if (answer.text === '')
          throw new Error(`${this.description} answered a new session with no configuration`);
        return { values: parseJson(answer.text, answer.origin), origin: answer.origin };
      } catch (error) {
        if (attempt >= this.loadAttempts || !isTransient(error) || this.abort.signal.aborted)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, backoff.failed()));
      }
    }
  }

  watch(listener: FlagSourceListener): void {
    if (this.listener) return;
    this.listener = listener;
    this.schedule(this.nextDelay(this.backoff.succeeded()));
  }

  async stop(): Promise<void> {
    this.listener = undefined;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.polling;
    if (this.closeClientOnStop) this.client.destroy();
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
      const answer = await this.latest();
      delay = this.nextDelay(this.backoff.succeeded());
      if (answer.text !== '' && this.listener) {
        try {
          this.listener.document({
            values: parseJson(answer.text, answer.origin),
            origin: answer.origin,
          });
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

  /** AppConfig may ask for a longer wait than ours; never poll sooner than it says. */
  private nextDelay(ownMs: number): number {
    return Math.max(ownMs, this.serverIntervalMs);
  }

  /** The next answer of the session; a token AppConfig refuses (expired) starts a new one. */
  private async latest(): Promise<{ text: string; origin: string }> {
    if (!this.token) return this.fetch(await this.startSession());
    try {
      return await this.fetch(this.token);
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      return this.fetch(await this.startSession());
    }
  }

  private async startSession(): Promise<string> {
    this.token = undefined;
    const session = await this.client.send(
      new StartConfigurationSessionCommand({
        ApplicationIdentifier: this.target.application,
        EnvironmentIdentifier: this.target.environment,
        ConfigurationProfileIdentifier: this.target.profile,
        RequiredMinimumPollIntervalInSeconds: Math.min(
          MAX_POLL_SECONDS,
          Math.max(MIN_POLL_SECONDS, Math.ceil(this.pollIntervalMs / 1000)),
        ),
      }),
      { abortSignal: this.abort.signal },
    );
    if (!session.InitialConfigurationToken)
      throw new Error(`${this.description}: StartConfigurationSession returned no token`);
    return session.InitialConfigurationToken;
  }

  private async fetch(token: string): Promise<{ text: string; origin: string }> {
    const answer = await this.client.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: token }),
      { abortSignal: this.abort.signal },
    );
    // A token is good for one call: the next poll must use the one this answer carries.
    this.token = answer.NextPollConfigurationToken;
    this.serverIntervalMs = (answer.NextPollIntervalInSeconds ?? 0) * 1000;
    const body = answer.Configuration;
    return {
      text: body && body.length > 0 ? Buffer.from(body).toString('utf8') : '',
      origin: answer.VersionLabel
        ? `${this.description} version ${answer.VersionLabel}`
        : this.description,
    };
  }
}

/** Throttling, server faults and network failures pass; a wrong identifier or missing rights do not. */
export function isTransient(error: unknown): boolean {
  const { name, code, $fault, $metadata } = error as {
    name?: string;
    code?: unknown;
    $fault?: string;
    $metadata?: { httpStatusCode?: number };
  };
  // No service answer at all: connection refused or reset, DNS, socket timeout. The SDK also
  // attaches $metadata (attempts, no status) to these after its own retries.
  if (typeof code === 'string' || name === 'TimeoutError') return true;
  const status = $metadata?.httpStatusCode;
  if (status === undefined) return $metadata !== undefined;
  return name === 'ThrottlingException' || $fault === 'server' || status === 429 || status >= 500;
}
