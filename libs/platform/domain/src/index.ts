export {
  AccessDeniedError,
  ConflictError,
  DomainError,
  NotFoundError,
  RuleViolationError,
  TransientError,
} from './domain-error.js';
export { InvalidMoneyError, Money } from './money.js';
export { ValidationFailedError, type FieldViolation } from './validation-failed.error.js';
