import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import { CodePointLength } from './code-point-length.js';

class Named {
  @CodePointLength(1, 200)
  name!: string;
}
const named = (name: string) => Object.assign(new Named(), { name });

describe('CodePointLength', () => {
  it('counts variation selectors, as PostgreSQL does', () => {
    expect(validateSync(named('a\ufe0f'.repeat(150)))).toHaveLength(1);
  });

  it('counts a surrogate pair as one character, as PostgreSQL does', () => {
    expect(validateSync(named('😀'.repeat(200)))).toEqual([]);
    expect(validateSync(named('😀'.repeat(201)))).toHaveLength(1);
  });

  it('refuses the empty string below the minimum, and non-strings', () => {
    expect(validateSync(named(''))).toHaveLength(1);
    expect(validateSync(Object.assign(new Named(), { name: 5 }))).toHaveLength(1);
  });
});
