import {
  AccessDeniedError,
  ConflictError,
  NotFoundError,
  RuleViolationError,
} from '#platform/domain';

export class OrderNotFoundError extends NotFoundError {
  readonly code = 'ORDER_NOT_FOUND';

  constructor(orderId: string) {
    super(`No order ${orderId}`, { orderId });
  }
}

export class IllegalOrderTransitionError extends ConflictError {
  readonly code = 'ILLEGAL_ORDER_TRANSITION';

  constructor(orderId: string, from: string, to: string) {
    super(`Order ${orderId} is ${from} and cannot become ${to}`, { orderId, from, to });
  }
}

/**
 * The order workflow asked to reject an order that is already CONFIRMED (its confirmation
 * committed, but the reply was lost): the order must be completed, not undone.
 */
export class OrderAlreadyConfirmedError extends ConflictError {
  readonly code = 'ORDER_ALREADY_CONFIRMED';

  constructor(orderId: string) {
    super(`Order ${orderId} is already CONFIRMED and cannot be rejected`, { orderId });
  }
}

export class UnknownProductsError extends RuleViolationError {
  readonly code = 'UNKNOWN_PRODUCTS';

  constructor(skus: readonly string[]) {
    super(`The catalog has no product ${skus.join(', ')}`, { skus });
  }
}

export class ProductsUnavailableError extends RuleViolationError {
  readonly code = 'PRODUCTS_UNAVAILABLE';

  constructor(skus: readonly string[]) {
    super(`No longer sold: ${skus.join(', ')}`, { skus });
  }
}

export class MixedCurrenciesError extends RuleViolationError {
  readonly code = 'MIXED_CURRENCIES';

  constructor(currencies: readonly string[]) {
    super(
      `An order is paid in one currency; these products are priced in ${currencies.join(' and ')}`,
      { currencies },
    );
  }
}

export class OrderUndeliverableError extends RuleViolationError {
  readonly code = 'ORDER_UNDELIVERABLE';

  constructor(details: Record<string, unknown>) {
    super(
      `We cannot deliver this order: ${String(details.reason ?? 'undeliverable')
        .toLowerCase()
        .replaceAll('_', ' ')}`,
      details,
    );
  }
}

export class IdempotencyKeyReusedError extends RuleViolationError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';

  constructor(key: string) {
    super(`Idempotency-Key ${key} was already used for a different request`, {
      idempotencyKey: key,
    });
  }
}

export class OrderAccessDeniedError extends AccessDeniedError {
  readonly code = 'ORDER_ACCESS_DENIED';

  constructor() {
    super('Customers may see and change only their own orders');
  }
}

/** The customer asked for express shipping while it is not offered (`express-shipping` is off). */
export class ExpressShippingUnavailableError extends RuleViolationError {
  readonly code = 'EXPRESS_SHIPPING_UNAVAILABLE';

  constructor() {
    super('Express shipping is not available at the moment; choose standard shipping');
  }
}

/** A time window whose start is not before its end (`[since, until)` would hold nothing). */
export class InvalidTimeWindowError extends RuleViolationError {
  readonly code = 'INVALID_TIME_WINDOW';

  constructor(since: string, until: string) {
    super(`The window [${since}, ${until}) is empty: since must be before until`, {
      since,
      until,
    });
  }
}
