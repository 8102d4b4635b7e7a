import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Money } from '#platform/domain';
import {
  CardDeclined,
  GatewayTransientFailure,
  PaymentGateway,
} from '../domain/payment-gateway.js';

/**
 * A deterministic stand-in for a card gateway, for development and tests. The token decides:
 * `tok_decline` and `tok_insufficient_funds` are refused, `tok_timeout` never answers,
 * `tok_flaky` fails transiently on its first attempt per idempotency key, anything else approves.
 * Like a real gateway it remembers idempotency keys, so a repeated call returns the first result.
 */
@Injectable()
export class SimulatedPaymentGateway extends PaymentGateway {
  private readonly results = new Map<string, unknown>();
  /** Every call received, by idempotency key, in order (for operators and tests). */
  readonly calls: string[] = [];
  private readonly flakyAttempts = new Map<string, number>();

  async authorize(
    idempotencyKey: string,
    _amount: Money,
    cardToken: string,
  ): Promise<{ authorizationId: string }> {
    this.calls.push(idempotencyKey);
    switch (cardToken) {
      case 'tok_decline':
        throw new CardDeclined('DECLINED');
      case 'tok_insufficient_funds':
        throw new CardDeclined('INSUFFICIENT_FUNDS');
      case 'tok_timeout':
        return new Promise(() => undefined);
      case 'tok_flaky': {
        const attempts = (this.flakyAttempts.get(idempotencyKey) ?? 0) + 1;
        this.flakyAttempts.set(idempotencyKey, attempts);
        if (attempts === 1) throw new GatewayTransientFailure('simulated gateway hiccup');
        break;
      }
    }
    return this.once(idempotencyKey, () => ({ authorizationId: `auth_${randomUUID()}` }));
  }

  async capture(idempotencyKey: string): Promise<{ captureId: string }> {
    this.calls.push(idempotencyKey);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a real gateway takes a while
    return this.once(idempotencyKey, () => ({ captureId: `cap_${randomUUID()}` }));
  }

  async void(idempotencyKey: string): Promise<void> {
    this.calls.push(idempotencyKey);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a real gateway takes a while
    this.once(idempotencyKey, () => ({}));
  }

  async refund(idempotencyKey: string): Promise<void> {
    this.calls.push(idempotencyKey);
    this.once(idempotencyKey, () => ({}));
  }

  private once<T>(idempotencyKey: string, result: () => T): T {
    if (!this.results.has(idempotencyKey)) this.results.set(idempotencyKey, result());
    return this.results.get(idempotencyKey) as T;
  }
}
