import { describe, expect, it } from '@jest/globals';
import { defineFlag, flagDocumentOf, routeFlag, shapesOf } from './declared-flags.js';
import { FlagDocument } from './flag-document.js';

const Discount = defineFlag('discount', {
  title: 'Discount',
  description: 'A discount at checkout',
  attributes: {
    percent: { description: '0-50', constraints: { type: 'number', minimum: 0, maximum: 50 } },
    tier: { description: 'who gets it', constraints: { type: 'string', enum: ['gold', 'all'] } },
  },
  initial: { enabled: false, percent: 10, tier: 'gold' },
});

describe('declared flags', () => {
  it('make a valid document: definitions with every attribute required, initial values', () => {
    const json = flagDocumentOf([routeFlag('billing'), Discount]);
    const document = FlagDocument.from(json, 'declared');
    expect(document.flagNames).toEqual(['route-billing', 'discount']);
    expect(document.defaults).toEqual({
      'route-billing': { enabled: true, mode: 'local', percent: 0 },
      discount: { enabled: false, percent: 10, tier: 'gold' },
    });
    expect(json.flags.discount?.attributes?.percent?.constraints).toEqual({
      type: 'number',
      minimum: 0,
      maximum: 50,
      required: true,
    });
    expect(document.problemsWith(shapesOf([routeFlag('billing'), Discount]))).toEqual([]);
  });

  it('keep the values in force that fit, and drop flags no longer declared', () => {
    const current = flagDocumentOf([routeFlag('billing'), routeFlag('gone'), Discount]);
    const edited = {
      ...current,
      values: {
        ...current.values,
        'route-billing': { enabled: true, mode: 'canary', percent: 20 },
        discount: { enabled: true, percent: 90, tier: 'gold' },
      },
    };
    const next = flagDocumentOf([routeFlag('billing'), Discount], edited);
    expect(Object.keys(next.flags)).toEqual(['route-billing', 'discount']);
    expect(next.values['route-billing']).toEqual({ enabled: true, mode: 'canary', percent: 20 });
    // 90 breaks the declared maximum: the initial value comes back.
    expect(next.values.discount).toEqual({ enabled: false, percent: 10, tier: 'gold' });
  });

  it('type the attributes from their constraints, and refuse a bad name or a flag twice', () => {
    const tier: 'gold' | 'all' | undefined = Discount.attributesType?.tier;
    expect(tier).toBeUndefined();
    expect(() => defineFlag('Fraud Check', { ...emptySpec() })).toThrow(/must be lowercase/);
    expect(() => flagDocumentOf([Discount, Discount])).toThrow('Flag "discount" is declared twice');
  });
});

function emptySpec() {
  return {
    title: 'x',
    description: 'x',
    attributes: {},
    initial: { enabled: false },
  };
}
