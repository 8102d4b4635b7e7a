import { Logger } from '@nestjs/common';
import pg from 'pg';

/**
 * How the LISTEN connection logs in: a connection URL, or a factory of unconnected clients
 * called for every (re)connect, so a rotated password is picked up
 * (`(name) => connection.clientFor(schema, name)`, see DatabaseConnection).
 */
export type ListenLogin = string | ((applicationName: string) => pg.Client);

/**
 * Wakes a polling loop when PostgreSQL announces work on a NOTIFY channel. LISTEN runs on a
 * dedicated connection; when it fails or drops, the loop keeps polling and LISTEN is retried
 * with backoff, with a new client each time. After a reconnect the loop is woken once, for
 * work committed while deaf.
 *
 * @example
 * const listener = new ChannelListener(
 *   (name) => connection.clientFor(OrderingSchema, name),
 *   'seam_outbox_ordering',
 *   'seam:ordering:relay',
 * );
 * await listener.start();
 * while (running) { await work(); await listener.idle(1000); }
 */
export class ChannelListener {
  private readonly logger = new Logger(ChannelListener.name);
  private running = false;
  private client: pg.Client | undefined;
  private wakeUp: (() => void) | undefined;
  private wokenEarly = false;

  constructor(
    /** Login for the LISTEN connection (the module's own role). */
    private readonly login: ListenLogin,
    readonly channel: string,
    private readonly applicationName: string,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  /** Ends the current (or the next) idle wait now. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenEarly = true;
  }

  /** Waits until a notification or wake(), or at most `maxMs`. */
  idle(maxMs: number): Promise<void> {
    if (this.wokenEarly || !this.running) {
      this.wokenEarly = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, maxMs);
      this.wakeUp = done;
    });
  }

  private async listen(attempt: number): Promise<void> {
    if (!this.running) return;
    const client =
      typeof this.login === 'string'
        ? new pg.Client({ connectionString: this.login, application_name: this.applicationName })
        : this.login(this.applicationName);
    let retried = false;
    const retry = (error: unknown) => {
      if (retried) return; // a failed connect may both reject and emit 'error'
      retried = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      if (!this.running) return;
      const delay = Math.min(30_000, 500 * 2 ** attempt);
      this.logger.warn(
        { err: error, channel: this.channel, retryInMs: delay },
        'LISTEN connection unavailable; polling until it is back',
      );
      setTimeout(() => void this.listen(attempt + 1), delay).unref();
    };
    client.on('notification', () => this.wake());
    client.on('error', retry);
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      if (!this.running) {
        await client.end();
        return;
      }
      this.client = client;
      if (attempt > 0) this.wake();
    } catch (error) {
      retry(error);
    }
  }
}
