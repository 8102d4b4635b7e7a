import type { Money } from '#platform/domain';
import type { DeclineReason } from './payments.errors.js';

/** The card was refused; retrying will not help. */
export class CardDeclined extends Error {
  constructor(readonly reason: DeclineReason) {
    super(`Card declined: ${reason}`);
  }
}

/** The gateway failed in a way that may pass; retrying with the same idempotency key is safe. */
export class GatewayTransientFailure extends Error {}

/**
 * Port: a card payment gateway. Every call carries an idempotency key (`<orderId>:<operation>`),
 * so a call repeated after a crash or a timeout has its effect once, as real gateways promise.
 */
export abstract class PaymentGateway {
  /** @throws CardDeclined | GatewayTransientFailure */
  abstract authorize(
    idempotencyKey: string,
    amount: Money,
    cardToken: string,
  ): Promise<{ authorizationId: string }>;
  abstract capture(
    idempotencyKey: string,
    authorizationId: string,
    amount: Money,
  ): Promise<{ captureId: string }>;
  abstract void(idempotencyKey: string, authorizationId: string): Promise<void>;
  abstract refund(idempotencyKey: string, captureId: string, amount: Money): Promise<void>;
}
