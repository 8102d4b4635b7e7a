import { HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';

const SWEEP_ABOVE = 10_000;

/**
 * Counts hits per key in fixed windows (one minute by default) and says how long a key over
 * its limit must wait. Bounded: stale windows are swept once there are many keys.
 *
 * @example
 * const writes = new FixedWindows(600);
 * const wait = writes.hit('subject:c1'); // undefined, or seconds until the window ends
 */
export class FixedWindows {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    /** Hits each key may make per window. */
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  /** Counts one hit for `key`; over the limit, the seconds until its window ends. */
  hit(key: string, now = Date.now()): number | undefined {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (this.windows.size > SWEEP_ABOVE) this.sweep(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count <= this.limit ? undefined : this.secondsLeft(window.startedAt, now);
  }

  /** Without counting: the seconds `key` must still wait when it is already over the limit. */
  waitOf(key: string, now = Date.now()): number | undefined {
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs || window.count < this.limit)
      return undefined;
    return this.secondsLeft(window.startedAt, now);
  }

  private secondsLeft(startedAt: number, now: number): number {
    return Math.max(1, Math.ceil((startedAt + this.windowMs - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
  }
}

/**
 * The caller's address as the load balancer reports it: Express's `request.ip`, which honours
 * `trust proxy` (SEAM_TRUST_PROXY_HOPS), so entries a client prepends to X-Forwarded-For are
 * ignored.
 */
export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/** 429 problem+json with `Retry-After`. */
export function tooManyRequests(response: Response, retryAfterSeconds: number, what: string) {
  response.setHeader('Retry-After', String(retryAfterSeconds));
  return new HttpException(
    `${what}; retry after ${retryAfterSeconds} s`,
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
