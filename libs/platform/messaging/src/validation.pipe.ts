import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError, type FieldViolation } from '#platform/domain';

/**
 * The one validation pipe for every entry point (HTTP bodies, queries, params and message
 * payloads): converts plain JSON into the DTO class, rejects unknown fields, and reports each
 * bad field by path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
