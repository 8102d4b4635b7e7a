import { HttpException, HttpStatus } from '@nestjs/common';
import {
  AccessDeniedError,
  ConflictError,
  DomainError,
  NotFoundError,
  RuleViolationError,
  TransientError,
  ValidationFailedError,
  type FieldViolation,
} from '#platform/domain';
import { ErrorCodes, ModuleError } from '#platform/messaging';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, plus Seam's stable `code` and, for bad input, each bad field. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldViolation[];
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Maps any error to the problem a client should see; `expected` is false for server faults. */
export function toProblemDetails(error: unknown): { problem: ProblemDetails; expected: boolean } {
  if (error instanceof ValidationFailedError) {
    return {
      problem: problem(400, error.code, error.message, { errors: error.violations }),
      expected: true,
    };
  }
  if (error instanceof DomainError) {
    const status =
      error instanceof NotFoundError
        ? HttpStatus.NOT_FOUND
        : error instanceof ConflictError
          ? HttpStatus.CONFLICT
          : error instanceof RuleViolationError
            ? HttpStatus.UNPROCESSABLE_ENTITY
            : error instanceof TransientError
              ? HttpStatus.SERVICE_UNAVAILABLE
              : error instanceof AccessDeniedError
                ? HttpStatus.FORBIDDEN
                : HttpStatus.BAD_REQUEST;
    return {
      problem: problem(status, error.code, error.message, { details: error.details }),
      expected: true,
    };
  }
  if (error instanceof ModuleError && error.code === ErrorCodes.MODULE_UNAVAILABLE) {
    return {
      problem: problem(HttpStatus.SERVICE_UNAVAILABLE, error.code, error.message, {
        details: error.details,
      }),
      expected: true,
    };
  }
  if (error instanceof ModuleError && error.code === ErrorCodes.MODULE_TIMEOUT) {
    return {
      problem: problem(HttpStatus.GATEWAY_TIMEOUT, error.code, error.message),
      expected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      problem: problem(status, httpCode(status), bodyParserDetail(error) ?? error.message),
      expected: status < 500,
    };
  }
  return {
    problem: problem(
      HttpStatus.INTERNAL_SERVER_ERROR,
      ErrorCodes.INTERNAL,
      'The server failed to handle the request',
    ),
    expected: false,
  };
}

function problem(
  status: number,
  code: string,
  detail: string,
  extra: Pick<ProblemDetails, 'errors' | 'details'> = {},
): ProblemDetails {
  return {
    type: `urn:seam:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: titleOf(status),
    status,
    detail,
    code,
    ...extra,
  };
}

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(' ');
}

function httpCode(status: number): string {
  return (HttpStatus[status] as string | undefined) ?? `HTTP_${status}`;
}

/** Express's JSON parser reports bad bodies with unhelpful messages. */
function bodyParserDetail(error: HttpException): string | undefined {
  const cause = error.cause as { type?: string; message?: string; limit?: number } | undefined;
  switch (cause?.type) {
    case 'entity.parse.failed':
      return 'The request body is not valid JSON';
    case 'entity.too.large':
      return `The request body is larger than ${cause.limit ?? 'the limit of'} bytes`;
    case 'entity.too.deep':
      return cause.message;
    default:
      return undefined;
  }
}
