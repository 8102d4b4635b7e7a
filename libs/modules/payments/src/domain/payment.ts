import { InvalidMoneyError, Money } from '#platform/domain';
import {
  CaptureExceedsAuthorizationError,
  PaymentAlreadyCapturedError,
  PaymentAmountMismatchError,
  PaymentDeclinedError,
  PaymentNotFoundError,
  PaymentStateError,
  type DeclineReason,
} from './payments.errors.js';

export type PaymentState = 'AUTHORIZED' | 'DECLINED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED';

/** A card payment of one order, as stored. Amounts are minor units of `authorized.currency`. */
export interface Payment {
  readonly orderId: string;
  readonly status: PaymentState;
  readonly authorized: Money;
  readonly capturedAmount: number;
  readonly refundedAmount: number;
  readonly authorizationId: string | null;
  readonly captureId: string | null;
  readonly declineReason: DeclineReason | null;
}

/**
 * What a capture of `requested` minor units (the whole authorisation when absent) takes.
 * @returns undefined when the payment is already captured (a repeat: answer it as stored).
 * @throws PaymentNotFoundError, PaymentStateError unless AUTHORIZED or CAPTURED,
 *   CaptureExceedsAuthorizationError above the authorised amount, InvalidMoneyError when not a
 *   positive whole amount.
 */
export function captureOf(
  orderId: string,
  payment: Payment | undefined,
  requested?: number,
): Money | undefined {
  if (!payment) throw new PaymentNotFoundError(orderId);
  if (payment.status === 'CAPTURED') return undefined;
  if (payment.status !== 'AUTHORIZED')
    throw new PaymentStateError(orderId, 'capture', payment.status);
  const amount = requested ?? payment.authorized.amount;
  if (amount > payment.authorized.amount)
    throw new CaptureExceedsAuthorizationError(orderId, payment.authorized.amount, amount);
  if (amount <= 0)
    throw new InvalidMoneyError(`A capture takes at least one minor unit, got ${amount}`, {
      amount,
    });
  return Money.of(amount, payment.authorized.currency);
}

/**
 * Whether voiding `payment` needs the gateway: not when there is nothing to void (no payment,
 * declined, voided already, or refunded; a compensation may come first or twice, and the nightly
 * reconciliation voids every ended order's payment, refunded ones too).
 * @throws PaymentAlreadyCapturedError (refund it instead).
 */
export function mustVoid(orderId: string, payment: Payment | undefined): payment is Payment {
  if (
    !payment ||
    payment.status === 'DECLINED' ||
    payment.status === 'VOIDED' ||
    payment.status === 'REFUNDED' // nothing is held any more
  )
    return false;
  if (payment.status === 'CAPTURED') throw new PaymentAlreadyCapturedError(orderId);
  if (payment.status !== 'AUTHORIZED') throw new PaymentStateError(orderId, 'void', payment.status);
  return true;
}

/**
 * What a refund gives back: all that was captured.
 * @returns undefined when the payment is already refunded (a repeat: answer it as stored).
 * @throws PaymentNotFoundError, PaymentStateError unless CAPTURED or REFUNDED.
 */
export function refundOf(orderId: string, payment: Payment | undefined): Money | undefined {
  if (!payment) throw new PaymentNotFoundError(orderId);
  if (payment.status === 'REFUNDED') return undefined;
  if (payment.status !== 'CAPTURED') throw new PaymentStateError(orderId, 'refund', payment.status);
  return Money.of(payment.capturedAmount, payment.authorized.currency);
}

/**
 * Checks that the stored authorisation answers a request for `requested`: the first outcome
 * answers every repeat of the same request.
 * @throws PaymentAmountMismatchError for another amount or currency, PaymentDeclinedError when
 *   the stored outcome is a decline.
 */
export function assertAuthorized(payment: Payment, requested: Money): void {
  if (!payment.authorized.equals(requested)) {
    throw new PaymentAmountMismatchError(payment.orderId, payment.authorized, requested);
  }
  if (payment.status === 'DECLINED')
    throw new PaymentDeclinedError(payment.orderId, payment.declineReason ?? 'DECLINED');
}
