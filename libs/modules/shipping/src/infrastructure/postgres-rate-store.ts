import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf, sql } from '#platform/persistence';
import { RateStore } from '../domain/rate-store.js';
import { RateTable } from '../domain/rate-table.js';

/** How long the rate table read from `shipping.zones` and `shipping.rates` is used. */
const RATES_TTL_MS = 60_000;

/**
 * The rate table, read whole (it is small and only migrations change it) and kept for a
 * minute, so quoting a parcel costs no round trip. A migration that changes rates is deployed
 * with a restart; within a running process a change shows within RATES_TTL_MS.
 */
@Injectable()
export class PostgresRateStore extends RateStore {
  private rates: { readonly at: number; readonly value: Promise<RateTable> } | undefined;

  constructor(@InjectDataSource('shipping') private readonly db: DataSource) {
    super();
  }

  current(): Promise<RateTable> {
    if (!this.rates || Date.now() - this.rates.at > RATES_TTL_MS) {
      const value = this.read();
      // A failed read is not kept: the next quote tries again.
      value.catch(() => (this.rates = undefined));
      this.rates = { at: Date.now(), value };
    }
    return this.rates.value;
  }

  private async read(): Promise<RateTable> {
    const rows = await rowsOf<{
      country: string;
      zone: string;
      currency: string | null;
      max_weight_grams: number | null;
      price_amount: string | null;
    }>(
      this.db,
      sql`SELECT z.country, z.zone, r.currency, r.max_weight_grams, r.price_amount
            FROM shipping.zones z LEFT JOIN shipping.rates r ON r.zone = z.zone`,
    );
    return RateTable.of(
      rows.map((row) => ({
        country: row.country,
        zone: row.zone,
        ...(row.currency !== null && {
          rate: {
            currency: row.currency,
            maxWeightGrams: row.max_weight_grams!,
            priceAmount: Number(row.price_amount),
          },
        }),
      })),
    );
  }
}
