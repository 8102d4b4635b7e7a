import type { Money } from '#platform/domain';
import { ConflictError, NotFoundError, RuleViolationError, TransientError } from '#platform/domain';

/** FRAUD_SUSPECTED: declined by the `fraud-check` flag's limit, without asking the gateway. */
export type DeclineReason = 'DECLINED' | 'INSUFFICIENT_FUNDS' | 'FRAUD_SUSPECTED';

export class PaymentDeclinedError extends RuleViolationError {
  readonly code = 'PAYMENT_DECLINED';

  constructor(orderId: string, reason: DeclineReason) {
    super(`The card was declined for order ${orderId} (${reason})`, { orderId, reason });
  }
}

export class PaymentGatewayTimeoutError extends TransientError {
  readonly code = 'PAYMENT_GATEWAY_TIMEOUT';

  constructor(operation: string, timeoutMs: number) {
    super(`The payment gateway did not answer ${operation} within ${timeoutMs} ms`, {
      operation,
      timeoutMs,
    });
  }
}

export class PaymentGatewayUnavailableError extends TransientError {
  readonly code = 'PAYMENT_GATEWAY_UNAVAILABLE';

  constructor(operation: string) {
    super(`The payment gateway failed ${operation}; try again`, { operation });
  }
}

export class PaymentAmountMismatchError extends ConflictError {
  readonly code = 'PAYMENT_AMOUNT_MISMATCH';

  constructor(orderId: string, expected: Money, requested: Money) {
    super(
      `Order ${orderId} was authorised for ${expected.amount} ${expected.currency}, not ${requested.amount} ${requested.currency}`,
      { orderId, expected: expected.toJSON(), requested: requested.toJSON() },
    );
  }
}

export class PaymentNotFoundError extends NotFoundError {
  readonly code = 'PAYMENT_NOT_FOUND';

  constructor(orderId: string) {
    super(`No payment for order ${orderId}`, { orderId });
  }
}

export class PaymentAlreadyCapturedError extends ConflictError {
  readonly code = 'PAYMENT_ALREADY_CAPTURED';

  constructor(orderId: string) {
    super(`The payment of order ${orderId} is captured: refund it instead of voiding`, { orderId });
  }
}

export class PaymentStateError extends ConflictError {
  readonly code = 'PAYMENT_INVALID_STATE';

  constructor(orderId: string, action: string, status: string) {
    super(`Cannot ${action} the payment of order ${orderId}: it is ${status}`, {
      orderId,
      action,
      status,
    });
  }
}

export class CaptureExceedsAuthorizationError extends RuleViolationError {
  readonly code = 'CAPTURE_EXCEEDS_AUTHORIZATION';

  constructor(orderId: string, authorized: number, requested: number) {
    super(`Cannot capture ${requested} for order ${orderId}: only ${authorized} is authorised`, {
      orderId,
      authorized,
      requested,
    });
  }
}

export class AmountNotOrderTotalError extends RuleViolationError {
  readonly code = 'AMOUNT_NOT_ORDER_TOTAL';

  constructor(orderId: string, total: Money, requested: Money) {
    super(
      `Order ${orderId} totals ${total.amount} ${total.currency}; ${requested.amount} ${requested.currency} was asked`,
      { orderId, total: total.toJSON(), requested: requested.toJSON() },
    );
  }
}

export class OrderNotPayableError extends ConflictError {
  readonly code = 'ORDER_NOT_PAYABLE';

  constructor(orderId: string, status: string) {
    super(`Order ${orderId} is ${status}; only a pending order can be paid`, { orderId, status });
  }
}
