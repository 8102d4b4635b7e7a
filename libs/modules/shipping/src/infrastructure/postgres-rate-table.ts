import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Money } from '#platform/domain';
import { RateTable, type Quote } from '../domain/shipment.js';
import { UndeliverableError } from '../domain/shipping.errors.js';

@Injectable()
export class PostgresRateTable extends RateTable {
  constructor(@InjectDataSource('shipping') private readonly db: DataSource) {
    super();
  }

  async quote(country: string, weightGrams: number, currency: string): Promise<Quote> {
    const [zone] = (await this.db.query(`SELECT zone FROM shipping.zones WHERE country = $1`, [
      country,
    ])) as { zone: string }[];
    if (!zone) throw new UndeliverableError('COUNTRY_NOT_SERVED', { country });
    const rates = (await this.db.query(
      `SELECT max_weight_grams, price_amount FROM shipping.rates WHERE zone = $1 AND currency = $2 ORDER BY max_weight_grams`,
      [zone.zone, currency],
    )) as { max_weight_grams: number; price_amount: string }[];
    if (rates.length === 0)
      throw new UndeliverableError('CURRENCY_NOT_SUPPORTED', { country, currency });
    const bracket = rates.find((rate) => weightGrams <= rate.max_weight_grams);
    if (!bracket) {
      throw new UndeliverableError('TOO_HEAVY', {
        country,
        weightGrams,
        maxWeightGrams: rates.at(-1)!.max_weight_grams,
      });
    }
    return {
      zone: zone.zone,
      speed: 'standard',
      price: Money.of(Number(bracket.price_amount), currency),
    };
  }
}
