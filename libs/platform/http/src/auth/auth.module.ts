import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { AuthOptions } from './auth-options.js';
import { TokenVerifier } from './token-verifier.js';
import { WriteRateLimit, WriteRateLimitGuard } from './write-rate-limit.guard.js';

/**
 * The front door's guards, in order: authentication (bearer JWT), then the write rate limit
 * (`writesPerMinute` per caller, answered with 429 and Retry-After).
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions, writesPerMinute: number): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AuthOptions, useValue: options },
        { provide: WriteRateLimit, useValue: new WriteRateLimit(writesPerMinute) },
        TokenVerifier,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: WriteRateLimitGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
