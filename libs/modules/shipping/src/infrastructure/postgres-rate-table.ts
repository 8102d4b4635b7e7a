import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Money } from '#platform/domain';
import { RateTable, type Quote } from '../domain/shipment.js';
import { UndeliverableError } from '../domain/shipping.errors.js';

/** How long the rate table read from `shipping.zones` and `shipping.rates` is used. */
const RATES_TTL_MS = 60_000;

interface Rate {
  readonly maxWeightGrams: number;
  readonly priceAmount: number;
}

interface Rates {
  /** Zone by country. */
  readonly zones: ReadonlyMap<string, string>;
  /** Rates by `${zone}:${currency}`, lightest bracket first. */
  readonly brackets: ReadonlyMap<string, readonly Rate[]>;
}

/**
 * The rate table, read whole (it is small and only migrations change it) and kept for a
 * minute, so quoting a parcel costs no round trip. A migration that changes rates is deployed
 * with a restart; within a running process a change shows within RATES_TTL_MS.
 */
@Injectable()
export class PostgresRateTable extends RateTable {
  private rates: { readonly at: number; readonly value: Promise<Rates> } | undefined;

  constructor(@InjectDataSource('shipping') private readonly db: DataSource) {
    super();
  }

  async quote(country: string, weightGrams: number, currency: string): Promise<Quote> {
    const { zones, brackets } = await this.current();
    const zone = zones.get(country);
    if (!zone) throw new UndeliverableError('COUNTRY_NOT_SERVED', { country });
    const rates = brackets.get(`${zone}:${currency}`) ?? [];
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

  private current(): Promise<Rates> {
    if (!this.rates || Date.now() - this.rates.at > RATES_TTL_MS) {
      const value = this.read();
      // A failed read is not kept: the next quote tries again.
      value.catch(() => (this.rates = undefined));
      this.rates = { at: Date.now(), value };
    }
    return this.rates.value;
  }

  private async read(): Promise<Rates> {
    const rows = (await this.db.query(
      `SELECT z.country, z.zone, r.currency, r.max_weight_grams, r.price_amount
         FROM shipping.zones z LEFT JOIN shipping.rates r ON r.zone = z.zone
        ORDER BY r.max_weight_grams`,
    )) as {
      country: string;
      zone: string;
      currency: string | null;
      max_weight_grams: number | null;
      price_amount: string | null;
    }[];
    const zones = new Map<string, string>();
    const brackets = new Map<string, Rate[]>();
    for (const row of rows) {
      zones.set(row.country, row.zone);
      if (row.currency === null) continue;
      const key = `${row.zone}:${row.currency}`;
      const list = brackets.get(key) ?? [];
      if (!list.some((rate) => rate.maxWeightGrams === row.max_weight_grams))
        list.push({ maxWeightGrams: row.max_weight_grams!, priceAmount: Number(row.price_amount) });
      brackets.set(key, list);
    }
    return { zones, brackets };
  }
}
