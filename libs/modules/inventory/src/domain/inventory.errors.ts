import { ConflictError, NotFoundError, RuleViolationError } from '#platform/domain';

export class OutOfStockError extends ConflictError {
  readonly code = 'OUT_OF_STOCK';

  constructor(sku: string, requested: number, available: number) {
    super(`Only ${available} of ${sku} available, ${requested} requested`, {
      sku,
      requested,
      available,
    });
  }
}

export class ReservationNotFoundError extends NotFoundError {
  readonly code = 'RESERVATION_NOT_FOUND';

  constructor(orderId: string) {
    super(`No stock is reserved for order ${orderId}`, { orderId });
  }
}

export class ReservationReleasedError extends ConflictError {
  readonly code = 'RESERVATION_RELEASED';

  constructor(orderId: string) {
    super(`The stock held for order ${orderId} was released (cancelled or expired)`, { orderId });
  }
}

export class ReservationCommittedError extends ConflictError {
  readonly code = 'RESERVATION_COMMITTED';

  constructor(orderId: string) {
    super(`The stock of order ${orderId} is committed and can no longer be released`, { orderId });
  }
}

export class StockBelowReservedError extends ConflictError {
  readonly code = 'STOCK_BELOW_RESERVED';

  constructor(sku: string, warehouse: string, onHand: number) {
    super(`Cannot set ${sku} in ${warehouse} to ${onHand}: more than that is reserved`, {
      sku,
      warehouse,
      onHand,
    });
  }
}

export class UnknownSkuError extends RuleViolationError {
  readonly code = 'UNKNOWN_SKU';

  constructor(sku: string) {
    super(`The catalog has no product ${sku}`, { sku });
  }
}

export class InvalidQuantityError extends RuleViolationError {
  readonly code = 'INVALID_QUANTITY';

  constructor(sku: string, quantity: number) {
    super(`A quantity of ${sku} must be a positive whole number, got ${quantity}`, {
      sku,
      quantity,
    });
  }
}
