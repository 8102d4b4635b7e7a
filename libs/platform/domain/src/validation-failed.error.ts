import { DomainError } from './domain-error.js';

export interface FieldViolation {
  /** Path of the offending field, e.g. `price.amount` or `skus[2]`. */
  readonly field: string;
  readonly message: string;
}

/** The input does not have the required shape; `details.violations` names each field (HTTP 400). */
export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED';

  constructor(readonly violations: readonly FieldViolation[]) {
    super(`Invalid input: ${violations.map((v) => `${v.field}: ${v.message}`).join('; ')}`, {
      violations,
    });
  }
}
