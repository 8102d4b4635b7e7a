import { RuleViolationError } from '#platform/domain';

export type UndeliverableReason = 'COUNTRY_NOT_SERVED' | 'TOO_HEAVY' | 'CURRENCY_NOT_SUPPORTED';

/** We cannot ship this parcel there: a business outcome, not worth retrying. */
export class UndeliverableError extends RuleViolationError {
  readonly code = 'UNDELIVERABLE';

  constructor(reason: UndeliverableReason, details: Record<string, unknown>) {
    super(`Cannot ship: ${reason.toLowerCase().replaceAll('_', ' ')}`, { reason, ...details });
  }
}

/** Express shipping is not offered right now (the `express-shipping` flag is off). */
export class ExpressShippingUnavailableError extends RuleViolationError {
  readonly code = 'EXPRESS_SHIPPING_UNAVAILABLE';

  constructor() {
    super('Express shipping is not available at the moment; choose standard shipping');
  }
}
