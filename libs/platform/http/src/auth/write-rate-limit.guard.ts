import {
  HttpException,
  HttpStatus,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Principal } from './principal.js';

export class WriteRateLimit {
  constructor(
    /** Writes each caller may make per window. */
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SWEEP_ABOVE = 10_000;

/**
 * Limits write requests (POST, PUT, PATCH, DELETE) per caller, the token's subject or else the
 * client address, in fixed windows. Over the limit: 429 problem+json with `Retry-After`.
 * Counts are per process: behind a load balancer each instance allows `limit` (see docs).
 */
@Injectable()
export class WriteRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly rateLimit: WriteRateLimit) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    if (READ_METHODS.has(request.method)) return true;

    const now = Date.now();
    const caller = request.principal
      ? `subject:${request.principal.subject}`
      : `ip:${request.ip ?? 'unknown'}`;
    let window = this.windows.get(caller);
    if (!window || now - window.startedAt >= this.rateLimit.windowMs) {
      if (this.windows.size > SWEEP_ABOVE) this.sweep(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(caller, window);
    }
    window.count += 1;
    if (window.count <= this.rateLimit.limit) return true;

    const retryAfterSeconds = Math.ceil((window.startedAt + this.rateLimit.windowMs - now) / 1000);
    context
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('Retry-After', String(retryAfterSeconds));
    throw new HttpException(
      `Too many writes: at most ${this.rateLimit.limit} per ${this.rateLimit.windowMs / 1000} s; retry after ${retryAfterSeconds} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private sweep(now: number): void {
    for (const [caller, window] of this.windows) {
      if (now - window.startedAt >= this.rateLimit.windowMs) this.windows.delete(caller);
    }
  }
}
