import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { clientAddress, FixedWindows, tooManyRequests } from './fixed-windows.js';
import { PUBLIC_KEY, ROLES_KEY, type Principal } from './principal.js';
import { TokenVerifier } from './token-verifier.js';

/** Requests without a valid token each client address may make per minute. */
export class AuthFailureLimit extends FixedWindows {}

/**
 * Every HTTP route needs a valid bearer token unless marked `@Public()`; `@Roles(...)` further
 * requires one of the roles. Requests without a valid token count against their client address
 * (AuthFailureLimit): over the limit the address gets 429 before any token is checked, so
 * guessing tokens is throttled; a token verified recently still passes (a customer behind the
 * same NAT as a guesser keeps working). Message handlers are not affected: modules trust each other, and
 * the front door is the only way in from outside.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly failures: AuthFailureLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const response = context.switchToHttp().getResponse<Response>();
    const [scheme, token] = (request.header('authorization') ?? '').split(' ');
    const address = `ip:${clientAddress(request)}`;
    const blocked = this.failures.waitOf(address);
    if (blocked !== undefined && !(token && this.tokens.remembers(token)))
      throw this.tooMany(response, blocked);
    try {
      if (scheme?.toLowerCase() !== 'bearer' || !token) {
        throw new UnauthorizedException(
          'A bearer token is required (Authorization: Bearer <token>)',
        );
      }
      try {
        request.principal = await this.tokens.verify(token);
      } catch (error) {
        throw new UnauthorizedException(
          `The bearer token is not valid: ${(error as Error).message}`,
        );
      }
    } catch (error) {
      const wait = this.failures.hit(address);
      throw wait === undefined ? error : this.tooMany(response, wait);
    }
    // Authenticated answers are the caller's own: no shared cache may keep them.
    response.setHeader('Cache-Control', 'no-store');
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((role) => request.principal!.roles.includes(role))) {
      throw new ForbiddenException(`This needs the role ${roles.join(' or ')}`);
    }
    return true;
  }

  private tooMany(response: Response, wait: number) {
    return tooManyRequests(
      response,
      wait,
      `Too many requests without a valid token from this address: at most ${this.failures.limit} per ${this.failures.windowMs / 1000} s`,
    );
  }
}
