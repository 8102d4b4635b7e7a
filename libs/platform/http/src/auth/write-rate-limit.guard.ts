import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientAddress, FixedWindows, tooManyRequests } from './fixed-windows.js';
import type { Principal } from './principal.js';

/** Writes each caller may make per minute. */
export class WriteRateLimit extends FixedWindows {}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Limits write requests (POST, PUT, PATCH, DELETE) per caller, the token's subject or else the
 * client address (as the load balancer reports it), in fixed windows. Over the limit: 429
 * problem+json with `Retry-After`. Counts are per process: behind a load balancer each
 * instance allows `limit` (see docs).
 */
@Injectable()
export class WriteRateLimitGuard implements CanActivate {
  constructor(private readonly rateLimit: WriteRateLimit) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    if (READ_METHODS.has(request.method)) return true;

    const caller = request.principal
      ? `subject:${request.principal.subject}`
      : `ip:${clientAddress(request)}`;
    const wait = this.rateLimit.hit(caller);
    if (wait === undefined) return true;
    throw tooManyRequests(
      context.switchToHttp().getResponse<Response>(),
      wait,
      `Too many writes: at most ${this.rateLimit.limit} per ${this.rateLimit.windowMs / 1000} s`,
    );
  }
}
