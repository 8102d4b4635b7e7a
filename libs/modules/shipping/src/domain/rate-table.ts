import { Money } from '#platform/domain';
import type { Quote } from './shipment.js';
import { UndeliverableError } from './shipping.errors.js';

/** One weight bracket: parcels up to `maxWeightGrams` cost `priceAmount` minor units. */
export interface Rate {
  readonly maxWeightGrams: number;
  readonly priceAmount: number;
}

/** One row of the rate table as stored: a served country, and one rate of its zone if it has any. */
export interface RateRow {
  readonly country: string;
  readonly zone: string;
  readonly rate?: { readonly currency: string } & Rate;
}

/**
 * Standard shipping prices: countries belong to zones, and each zone has weight brackets per
 * currency. A parcel costs the price of the lightest bracket it fits in.
 *
 * @example
 * const rates = RateTable.of([{ country: 'DE', zone: 'EU', rate: { currency: 'EUR', maxWeightGrams: 1000, priceAmount: 490 } }]);
 * rates.quote('DE', 800, 'EUR').price; // Money.of(490, 'EUR')
 */
export class RateTable {
  private constructor(
    /** Zone by country. */
    private readonly zones: ReadonlyMap<string, string>,
    /** Brackets by `${zone}:${currency}`, lightest first. */
    private readonly brackets: ReadonlyMap<string, readonly Rate[]>,
  ) {}

  /** The table of `rows` (in any order; a zone's rate repeated for each of its countries counts once). */
  static of(rows: readonly RateRow[]): RateTable {
    const zones = new Map<string, string>();
    const brackets = new Map<string, Rate[]>();
    for (const { country, zone, rate } of rows) {
      zones.set(country, zone);
      if (!rate) continue;
      const key = `${zone}:${rate.currency}`;
      const list = brackets.get(key) ?? [];
      if (!list.some((known) => known.maxWeightGrams === rate.maxWeightGrams))
        list.push({ maxWeightGrams: rate.maxWeightGrams, priceAmount: rate.priceAmount });
      brackets.set(key, list);
    }
    for (const list of brackets.values()) list.sort((a, b) => a.maxWeightGrams - b.maxWeightGrams);
    return new RateTable(zones, brackets);
  }

  /**
   * The standard price of a parcel of `weightGrams` to `country`, in `currency`.
   * @throws UndeliverableError COUNTRY_NOT_SERVED, CURRENCY_NOT_SUPPORTED (the zone has no
   *   rates in it) or TOO_HEAVY (heavier than the zone's heaviest bracket).
   */
  quote(country: string, weightGrams: number, currency: string): Quote {
    const zone = this.zones.get(country);
    if (!zone) throw new UndeliverableError('COUNTRY_NOT_SERVED', { country });
    const rates = this.brackets.get(`${zone}:${currency}`) ?? [];
    if (rates.length === 0)
      throw new UndeliverableError('CURRENCY_NOT_SUPPORTED', { country, currency });
    const bracket = rates.find((rate) => weightGrams <= rate.maxWeightGrams);
    if (!bracket) {
      throw new UndeliverableError('TOO_HEAVY', {
        country,
        weightGrams,
        maxWeightGrams: rates.at(-1)!.maxWeightGrams,
      });
    }
    return { zone, speed: 'standard', price: Money.of(bracket.priceAmount, currency) };
  }
}
