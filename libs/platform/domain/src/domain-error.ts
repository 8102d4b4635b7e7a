/**
 * Base of every business error. `code` is stable and machine-readable (it crosses module and
 * process boundaries); `details` is JSON-safe data a caller may act on. Framework-free.
 *
 * Subclass one of the categories below so the front door knows the HTTP status without
 * the domain knowing HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (HTTP 404). */
export abstract class NotFoundError extends DomainError {}

/** The request conflicts with current state: a duplicate or an illegal transition (HTTP 409). */
export abstract class ConflictError extends DomainError {}

/** The input breaks a business rule that field validation could not see (HTTP 422). */
export abstract class RuleViolationError extends DomainError {}

/**
 * A dependency failed in a way that may pass (timeout, unavailable): callers may retry; workflows
 * retry these and not the others (HTTP 503).
 */
export abstract class TransientError extends DomainError {}

/** The caller may not see or change this (HTTP 403). */
export abstract class AccessDeniedError extends DomainError {}
