import { DomainError } from '#platform/domain';

/** How an error crosses a module boundary: JSON-safe, matched by `name` (workflows) or `code`. */
export interface WireError {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export const ErrorCodes = {
  PATTERN_NOT_FOUND: 'PATTERN_NOT_FOUND',
  MODULE_TIMEOUT: 'MODULE_TIMEOUT',
  MODULE_UNAVAILABLE: 'MODULE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

/**
 * An error raised by another module's handler, as the caller receives it. `name` is the
 * original error's name (e.g. `ProductNotFoundError`), so callers and workflows can match on it.
 *
 * @example
 * try { await bus.to(Catalog).send('catalog.get-products', { skus }) }
 * catch (e) { if (e instanceof ModuleError && e.code === 'PATTERN_NOT_FOUND') ... }
 */
export class ModuleError extends Error implements WireError {
  constructor(
    override readonly name: string,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  static fromWire(wire: WireError): ModuleError {
    return new ModuleError(wire.name, wire.code, wire.message, wire.details);
  }

  static patternNotFound(pattern: string): ModuleError {
    return new ModuleError(
      'PatternNotFoundError',
      ErrorCodes.PATTERN_NOT_FOUND,
      `No module handles pattern "${pattern}"`,
      { pattern },
    );
  }

  static timeout(pattern: string, timeoutMs: number): ModuleError {
    return new ModuleError(
      'ModuleTimeoutError',
      ErrorCodes.MODULE_TIMEOUT,
      `No reply to "${pattern}" within ${timeoutMs} ms`,
      { pattern, timeoutMs },
    );
  }

  /** The module runs elsewhere and cannot be called now (its circuit breaker is open). */
  static unavailable(
    module: string,
    pattern: string,
    retryAfterSeconds: number,
    reason: string,
  ): ModuleError {
    return new ModuleError(
      'ModuleUnavailableError',
      ErrorCodes.MODULE_UNAVAILABLE,
      `Module "${module}" is unavailable (${reason}); try again in ${retryAfterSeconds} s`,
      { module, pattern, retryAfterSeconds },
    );
  }

  toWire(): WireError {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.name === 'string' &&
    typeof candidate.code === 'string' &&
    typeof candidate.message === 'string' &&
    typeof candidate.details === 'object' &&
    candidate.details !== null
  );
}

/**
 * Turns anything a handler threw into its wire form. Business errors keep name, code and
 * details; unexpected errors are reduced to INTERNAL so no stack or internals leak to callers.
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof DomainError) {
    return { name: error.name, code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof ModuleError) return error.toWire();
  return {
    name: 'InternalError',
    code: ErrorCodes.INTERNAL,
    message: 'The module failed to handle the message',
    details: {},
  };
}
