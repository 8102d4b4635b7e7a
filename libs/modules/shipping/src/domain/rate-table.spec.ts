import { describe, expect, it } from '@jest/globals';
import { Money } from '#platform/domain';
import { RateTable, type RateRow } from './rate-table.js';
import { UndeliverableError } from './shipping.errors.js';

/** Two zones, EU in two currencies; a zone's rates repeat for each of its countries, as read. */
const rows: RateRow[] = [
  { country: 'DE', zone: 'EU', rate: { currency: 'EUR', maxWeightGrams: 5000, priceAmount: 990 } },
  { country: 'DE', zone: 'EU', rate: { currency: 'EUR', maxWeightGrams: 1000, priceAmount: 490 } },
  { country: 'FR', zone: 'EU', rate: { currency: 'EUR', maxWeightGrams: 1000, priceAmount: 490 } },
  { country: 'FR', zone: 'EU', rate: { currency: 'EUR', maxWeightGrams: 5000, priceAmount: 990 } },
  { country: 'DE', zone: 'EU', rate: { currency: 'USD', maxWeightGrams: 2000, priceAmount: 700 } },
  {
    country: 'US',
    zone: 'WORLD',
    rate: { currency: 'EUR', maxWeightGrams: 30000, priceAmount: 4990 },
  },
  { country: 'IS', zone: 'NORTH' },
];
const rates = RateTable.of(rows);

function undeliverable(act: () => unknown): Record<string, unknown> {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(UndeliverableError);
    return (error as UndeliverableError).details;
  }
  throw new Error('expected UndeliverableError');
}

describe('RateTable', () => {
  it('prices a parcel by the lightest bracket of its zone it fits in', () => {
    expect(rates.quote('DE', 800, 'EUR')).toEqual({
      zone: 'EU',
      speed: 'standard',
      price: Money.of(490, 'EUR'),
    });
    expect(rates.quote('FR', 3000, 'EUR').price).toEqual(Money.of(990, 'EUR'));
    expect(rates.quote('US', 3000, 'EUR')).toMatchObject({
      zone: 'WORLD',
      price: Money.of(4990, 'EUR'),
    });
  });

  it('counts a bracket up to and including its maximum weight', () => {
    expect(rates.quote('DE', 1000, 'EUR').price.amount).toBe(490);
    expect(rates.quote('DE', 1001, 'EUR').price.amount).toBe(990);
    expect(rates.quote('DE', 5000, 'EUR').price.amount).toBe(990);
  });

  it('finds the lightest bracket whatever order the rows come in, and counts repeats once', () => {
    const reversed = RateTable.of([...rows].reverse());
    expect(reversed.quote('DE', 800, 'EUR').price.amount).toBe(490);
    expect(reversed.quote('FR', 1001, 'EUR').price.amount).toBe(990);
  });

  it('prices in the currency asked for, from that currency’s own brackets', () => {
    expect(rates.quote('DE', 1500, 'USD').price).toEqual(Money.of(700, 'USD'));
  });

  it('refuses a country it does not serve', () => {
    expect(undeliverable(() => rates.quote('JP', 100, 'EUR'))).toEqual({
      reason: 'COUNTRY_NOT_SERVED',
      country: 'JP',
    });
    // Country codes are upper case; a lower-case one is not served.
    expect(undeliverable(() => rates.quote('de', 100, 'EUR')).reason).toBe('COUNTRY_NOT_SERVED');
  });

  it('refuses a currency the zone has no rates in', () => {
    expect(undeliverable(() => rates.quote('US', 100, 'USD'))).toEqual({
      reason: 'CURRENCY_NOT_SUPPORTED',
      country: 'US',
      currency: 'USD',
    });
    expect(undeliverable(() => rates.quote('IS', 100, 'EUR')).reason).toBe(
      'CURRENCY_NOT_SUPPORTED',
    );
  });

  it('refuses a parcel heavier than the heaviest bracket, naming that limit', () => {
    expect(undeliverable(() => rates.quote('DE', 5001, 'EUR'))).toEqual({
      reason: 'TOO_HEAVY',
      country: 'DE',
      weightGrams: 5001,
      maxWeightGrams: 5000,
    });
    expect(undeliverable(() => rates.quote('DE', 2001, 'USD')).maxWeightGrams).toBe(2000);
  });

  it('serves nothing when empty', () => {
    expect(undeliverable(() => RateTable.of([]).quote('DE', 1, 'EUR')).reason).toBe(
      'COUNTRY_NOT_SERVED',
    );
  });
});
