import { describe, expect, it } from '@jest/globals';
import { InvalidMoneyError, Money } from './money.js';

describe('Money', () => {
  it('adds and multiplies in integer minor units', () => {
    expect(Money.of(1999, 'EUR').times(3).plus(Money.of(1, 'EUR')).toJSON()).toEqual({
      amount: 5998,
      currency: 'EUR',
    });
  });

  it.each([[19.99], [-1], [Number.MAX_SAFE_INTEGER + 1]])('rejects the amount %p', (amount) => {
    expect(() => Money.of(amount, 'EUR')).toThrow(InvalidMoneyError);
  });

  it('rejects a currency that is not an ISO 4217 code', () => {
    expect(() => Money.of(100, 'euro')).toThrow(InvalidMoneyError);
  });

  it('refuses to add different currencies', () => {
    expect(() => Money.of(1, 'EUR').plus(Money.of(1, 'USD'))).toThrow(/Cannot add USD to EUR/);
  });
});
