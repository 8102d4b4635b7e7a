import { describe, expect, it } from '@jest/globals';
import { InvalidMoneyError, Money } from '#platform/domain';
import { expressQuote, type Quote } from './shipment.js';

function standard(amount: number, currency = 'EUR'): Quote {
  return { zone: 'EU', speed: 'standard', price: Money.of(amount, currency) };
}

describe('expressQuote', () => {
  it('adds the surcharge to the standard price, in the same zone and currency', () => {
    expect(expressQuote(standard(490), 40)).toEqual({
      zone: 'EU',
      speed: 'express',
      price: Money.of(686, 'EUR'),
    });
    expect(expressQuote(standard(700, 'USD'), 50).price).toEqual(Money.of(1050, 'USD'));
  });

  it('rounds to the nearest minor unit, halves up', () => {
    expect(expressQuote(standard(333), 50).price.amount).toBe(500); // 499.5
    expect(expressQuote(standard(1005), 10).price.amount).toBe(1106); // 1105.5
    expect(expressQuote(standard(999), 12.5).price.amount).toBe(1124); // 1123.875
    expect(expressQuote(standard(1), 20).price.amount).toBe(1); // 1.2
  });

  it('costs the standard price with no surcharge, and nothing for a free parcel', () => {
    expect(expressQuote(standard(490), 0).price.amount).toBe(490);
    expect(expressQuote(standard(0), 40).price.amount).toBe(0);
  });

  it('refuses a price beyond what minor units can hold exactly', () => {
    expect(() => expressQuote(standard(Number.MAX_SAFE_INTEGER), 10)).toThrow(InvalidMoneyError);
  });
});
