import { RuleViolationError } from '#platform/domain';

export type UndeliverableReason = 'COUNTRY_NOT_SERVED' | 'TOO_HEAVY' | 'CURRENCY_NOT_SUPPORTED';

/** We cannot ship this parcel there: a business outcome, not worth retrying. */
export class UndeliverableError extends RuleViolationError {
  readonly code = 'UNDELIVERABLE';

  constructor(reason: UndeliverableReason, details: Record<string, unknown>) {
    super(`Cannot ship: ${reason.toLowerCase().replaceAll('_', ' ')}`, { reason, ...details });
  }
}
