import { describe, expect, it } from '@jest/globals';
import { inspectUntrustedInput, isStorableText } from './untrusted-input.js';

describe('inspectUntrustedInput', () => {
  it('accepts text PostgreSQL stores, surrogate pairs included', () => {
    expect(inspectUntrustedInput({ name: 'Hauptstraße 😀', tags: ['a\ufe0f'] }, '')).toEqual([]);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\ud83d'],
    ['a lone low surrogate', '\ude00b'],
  ])('names the field holding %s', (_, text) => {
    expect(isStorableText(text)).toBe(false);
    expect(inspectUntrustedInput({ lines: [{ sku: text }] }, '')).toEqual([
      expect.objectContaining({ field: 'lines[0].sku' }),
    ]);
  });

  it('names a bad field name, and a __proto__ key', () => {
    const parsed = JSON.parse('{"a\\u0000":1,"__proto__":{"admin":true}}') as unknown;
    expect(inspectUntrustedInput(parsed, '').map((v) => v.field)).toEqual(
      expect.arrayContaining(['a\u0000', '__proto__']),
    );
  });

  it('refuses nesting deeper than the limit without recursing', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(inspectUntrustedInput(deep, 'body', 32)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('32 levels') }),
    ]);
    expect(inspectUntrustedInput({ a: { b: 'x' } }, '', 2)).toEqual([]);
  });

  it('names a primitive parameter by its name', () => {
    expect(inspectUntrustedInput('\u0000', 'id')).toEqual([
      expect.objectContaining({ field: 'id' }),
    ]);
  });
});
