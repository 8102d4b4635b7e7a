import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthFailureLimit, AuthGuard } from './auth.guard.js';
import { AuthOptions } from './auth-options.js';
import { DevTokenController } from './dev-token.controller.js';
import { TokenVerifier } from './token-verifier.js';
import { WriteRateLimit, WriteRateLimitGuard } from './write-rate-limit.guard.js';

/** Per-minute limits of the front door. */
export interface FrontDoorLimits {
  /** Writes per caller (token subject, else client address). */
  readonly writesPerMinute: number;
  /** Requests without a valid token per client address (throttles token guessing). */
  readonly authFailuresPerMinute: number;
}

/**
 * The front door's guards, in order: authentication (bearer JWT; requests without a valid
 * token limited per client address), then the write rate limit (`writesPerMinute` per
 * caller). Over a limit: 429 with Retry-After. With a local development key that may mint
 * tokens (AuthOptions.issuesDevTokens), also `POST /dev/token`; otherwise that route does not exist.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions, limits: FrontDoorLimits): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      controllers: options.issuesDevTokens && options.devSecret ? [DevTokenController] : [],
      providers: [
        { provide: AuthOptions, useValue: options },
        { provide: WriteRateLimit, useValue: new WriteRateLimit(limits.writesPerMinute) },
        {
          provide: AuthFailureLimit,
          useValue: new AuthFailureLimit(limits.authFailuresPerMinute),
        },
        TokenVerifier,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: WriteRateLimitGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
