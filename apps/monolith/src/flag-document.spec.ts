import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { FlagDocument, FlagsOptions } from '#platform/flags';
import { declaredFlagDocument } from './flag-document.js';
import { MODULES } from './modules.js';

const committedFile = FlagsOptions.defaults().file;

describe('terraform/appconfig/feature-flags.json', () => {
  it('is the document the module declarations make (else run `npm run flags -- document`)', () => {
    const committed = readFileSync(committedFile, 'utf8');
    const declared = declaredFlagDocument(FlagDocument.parse(committed, 'committed').json);
    if (committed !== declared)
      throw new Error(
        'terraform/appconfig/feature-flags.json is out of date with the module declarations: run `npm run flags -- document` and commit it',
      );
    expect(committed).toBe(declared);
  });

  it('has a route flag per declared module and the business flags modules declare', () => {
    const document = FlagDocument.load(committedFile);
    expect(document.flagNames).toEqual([
      ...MODULES.map((module) => `route-${module.name}`),
      ...MODULES.flatMap((module) => module.flags ?? []).map((flag) => flag.name),
    ]);
    expect(document.flagNames).toEqual(expect.arrayContaining(['fraud-check', 'express-shipping']));
  });
});
