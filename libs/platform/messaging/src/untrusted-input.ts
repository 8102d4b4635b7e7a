import type { FieldViolation } from '#platform/domain';

/** How deep a JSON value may nest before it reaches class-transformer (which recurses). */
export const MAX_INPUT_DEPTH = 32;

/**
 * Text PostgreSQL refuses to store: NUL (no text type may hold it) and lone UTF-16 surrogates
 * (not valid UTF-8). Either would reach the database and come back as a 500.
 */
// With the `u` flag a surrogate pair is one code point, so the class matches only lone halves.
// eslint-disable-next-line no-control-regex
const UNSTORABLE_TEXT = /[\u0000\uD800-\uDFFF]/u;

/** True when PostgreSQL can store `text` (no NUL, no lone surrogate). */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE_TEXT.test(text);
}

/**
 * Finds what no validator should ever see: values nested deeper than `maxDepth`, and strings
 * (keys included) that PostgreSQL would refuse. Walks iteratively, so hostile depth cannot
 * overflow the stack here. Only plain data (JSON shapes) is inspected.
 *
 * @example
 * inspectUntrustedInput({ name: 'a\u0000' }, 'body'); // [{ field: 'body.name', message: … }]
 */
export function inspectUntrustedInput(
  value: unknown,
  root: string,
  maxDepth = MAX_INPUT_DEPTH,
): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const pending: { value: unknown; field: string; depth: number }[] = [
    { value, field: root, depth: 0 },
  ];
  while (pending.length > 0 && violations.length < 10) {
    const { value: current, field, depth } = pending.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current))
        violations.push({
          field: field || 'input',
          message: `${field || 'input'} contains a NUL character or an invalid Unicode sequence`,
        });
      continue;
    }
    if (current === null || typeof current !== 'object' || !isPlainData(current)) continue;
    if (depth >= maxDepth) {
      violations.push({
        field: field || 'input',
        message: `${field || 'input'} is nested more than ${maxDepth} levels deep`,
      });
      continue;
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) =>
        pending.push({ value: item, field: `${field}[${index}]`, depth: depth + 1 }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      const child = field ? `${field}.${key}` : key;
      // JSON.parse makes `__proto__` an own key that class-transformer and the whitelist skip.
      if (key === '__proto__')
        violations.push({ field: child, message: `${child} is not allowed` });
      else if (!isStorableText(key))
        violations.push({
          field: child,
          message: 'a field name contains a NUL character or an invalid Unicode sequence',
        });
      else pending.push({ value: item, field: child, depth: depth + 1 });
    }
  }
  return violations;
}

function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
