import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidationFailedError, type FieldViolation } from '#platform/domain';
import { inspectUntrustedInput } from './untrusted-input.js';

/**
 * The one validation pipe for every entry point (HTTP bodies, queries, params and message
 * payloads): refuses input nested too deep or holding text PostgreSQL cannot store (NUL, lone
 * surrogates), converts plain JSON into the DTO class, rejects unknown fields, and reports each
 * bad field by path.
 */
export function createValidationPipe(): ValidationPipe {
  return new UntrustedInputValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}

class UntrustedInputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Before class-transformer: it recurses, and primitive params skip validation entirely.
    const root = metadata.type === 'custom' ? '' : (metadata.data ?? '');
    const violations = inspectUntrustedInput(value, root);
    if (violations.length > 0) throw new ValidationFailedError(violations);
    return super.transform(value, metadata);
  }
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
