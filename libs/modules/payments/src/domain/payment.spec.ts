import { describe, expect, it } from '@jest/globals';
import { InvalidMoneyError, Money } from '#platform/domain';
import {
  assertAuthorized,
  captureOf,
  mustVoid,
  refundOf,
  type Payment,
  type PaymentState,
} from './payment.js';
import {
  CaptureExceedsAuthorizationError,
  PaymentAlreadyCapturedError,
  PaymentAmountMismatchError,
  PaymentDeclinedError,
  PaymentNotFoundError,
  PaymentStateError,
  type DeclineReason,
} from './payments.errors.js';

const ORDER = 'b6f1c0de-0000-4000-8000-000000000001';

function payment(status: PaymentState, changes: Partial<Payment> = {}): Payment {
  return {
    orderId: ORDER,
    status,
    authorized: Money.of(3490, 'EUR'),
    capturedAmount: status === 'CAPTURED' || status === 'REFUNDED' ? 3490 : 0,
    refundedAmount: status === 'REFUNDED' ? 3490 : 0,
    authorizationId: status === 'DECLINED' ? null : 'auth_1',
    captureId: status === 'CAPTURED' || status === 'REFUNDED' ? 'cap_1' : null,
    declineReason: null,
    ...changes,
  };
}

function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('captureOf', () => {
  it('captures the whole authorisation when no amount is asked', () => {
    expect(captureOf(ORDER, payment('AUTHORIZED'))).toEqual(Money.of(3490, 'EUR'));
  });

  it('captures less than authorised, in the authorised currency', () => {
    expect(captureOf(ORDER, payment('AUTHORIZED'), 1)).toEqual(Money.of(1, 'EUR'));
    expect(captureOf(ORDER, payment('AUTHORIZED'), 3490)).toEqual(Money.of(3490, 'EUR'));
  });

  it('refuses to capture a minor unit more than authorised', () => {
    expect(() => captureOf(ORDER, payment('AUTHORIZED'), 3491)).toThrow(
      CaptureExceedsAuthorizationError,
    );
    expect(() => captureOf(ORDER, payment('AUTHORIZED'), Number.MAX_SAFE_INTEGER)).toThrow(
      CaptureExceedsAuthorizationError,
    );
  });

  it('refuses zero, negative and fractional amounts', () => {
    for (const amount of [0, -1, 10.5]) {
      expect(() => captureOf(ORDER, payment('AUTHORIZED'), amount)).toThrow(InvalidMoneyError);
    }
  });

  it('answers a repeated capture with nothing more to take', () => {
    expect(captureOf(ORDER, payment('CAPTURED'), 1000)).toBeUndefined();
  });

  it('refuses to capture a payment that is not authorised', () => {
    for (const status of ['DECLINED', 'VOIDED', 'REFUNDED'] as const) {
      expect(() => captureOf(ORDER, payment(status))).toThrow(PaymentStateError);
    }
    expect(() => captureOf(ORDER, undefined)).toThrow(PaymentNotFoundError);
  });
});

describe('mustVoid', () => {
  it('voids an authorised payment through the gateway', () => {
    expect(mustVoid(ORDER, payment('AUTHORIZED'))).toBe(true);
  });

  it('has nothing to void when no payment was made, it was declined, voided or refunded', () => {
    expect(mustVoid(ORDER, undefined)).toBe(false);
    expect(mustVoid(ORDER, payment('DECLINED', { declineReason: 'DECLINED' }))).toBe(false);
    expect(mustVoid(ORDER, payment('VOIDED'))).toBe(false);
    expect(mustVoid(ORDER, payment('REFUNDED'))).toBe(false);
  });

  it('refuses to void a captured payment: it must be refunded', () => {
    expect(() => mustVoid(ORDER, payment('CAPTURED'))).toThrow(PaymentAlreadyCapturedError);
  });
});

describe('refundOf', () => {
  it('refunds what was captured, not what was authorised', () => {
    expect(refundOf(ORDER, payment('CAPTURED', { capturedAmount: 1200 }))).toEqual(
      Money.of(1200, 'EUR'),
    );
  });

  it('answers a repeated refund with nothing more to give back', () => {
    expect(refundOf(ORDER, payment('REFUNDED'))).toBeUndefined();
  });

  it('refuses to refund a payment that was never captured', () => {
    for (const status of ['AUTHORIZED', 'DECLINED', 'VOIDED'] as const) {
      expect(() => refundOf(ORDER, payment(status))).toThrow(PaymentStateError);
    }
    expect(() => refundOf(ORDER, undefined)).toThrow(PaymentNotFoundError);
  });
});

describe('assertAuthorized', () => {
  it('lets the stored authorisation answer a repeat of the same amount', () => {
    expect(() => assertAuthorized(payment('AUTHORIZED'), Money.of(3490, 'EUR'))).not.toThrow();
    expect(() => assertAuthorized(payment('CAPTURED'), Money.of(3490, 'EUR'))).not.toThrow();
  });

  it('refuses a repeat with another amount or another currency', () => {
    expect(() => assertAuthorized(payment('AUTHORIZED'), Money.of(3491, 'EUR'))).toThrow(
      PaymentAmountMismatchError,
    );
    expect(() => assertAuthorized(payment('AUTHORIZED'), Money.of(3490, 'USD'))).toThrow(
      PaymentAmountMismatchError,
    );
  });

  it('answers a stored decline with the decline and its reason', () => {
    for (const reason of ['DECLINED', 'INSUFFICIENT_FUNDS', 'FRAUD_SUSPECTED'] as DeclineReason[]) {
      const declined = payment('DECLINED', { declineReason: reason });
      const error = thrownBy(() => assertAuthorized(declined, Money.of(3490, 'EUR')));
      expect(error).toBeInstanceOf(PaymentDeclinedError);
      expect((error as PaymentDeclinedError).details).toEqual({ orderId: ORDER, reason });
    }
  });

  it('checks the amount before the outcome: another amount is a mismatch even when declined', () => {
    const declined = payment('DECLINED', { declineReason: 'DECLINED' });
    expect(() => assertAuthorized(declined, Money.of(1, 'EUR'))).toThrow(
      PaymentAmountMismatchError,
    );
    expect(() => assertAuthorized(declined, Money.of(3490, 'EUR'))).toThrow(PaymentDeclinedError);
  });
});
