import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Like `@Length(min, max)`, but counts what PostgreSQL counts: characters (Unicode code points)
 * for `varchar(n)`, `char_length` and `length`. class-validator's `@Length` counts neither UTF-16
 * units nor code points (it ignores variation selectors), so `'a\ufe0f'.repeat(150)` passed a
 * 200 limit that the column's CHECK then refused with a 500.
 *
 * @example
 * @CodePointLength(1, 200) name!: string;
 */
export function CodePointLength(
  min: number,
  max: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'codePointLength',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const length = codePoints(value);
          return length >= min && length <= max;
        },
        defaultMessage: (args) =>
          min === 0
            ? `${args?.property} must be at most ${max} characters`
            : `${args?.property} must be ${min} to ${max} characters`,
      },
    },
    options,
  );
}

/** The length PostgreSQL reports for `text` (code points, not UTF-16 units). */
export function codePoints(text: string): number {
  return [...text].length;
}
