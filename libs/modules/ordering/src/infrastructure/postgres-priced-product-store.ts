import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf, sql } from '#platform/persistence';
import { PricedProductStore, type PricedProduct } from '../domain/priced-product-store.js';

/** `ordering.catalog_products`: one row per product ordering has seen. */
@Injectable()
export class PostgresPricedProductStore extends PricedProductStore {
  constructor(@InjectDataSource('ordering') private readonly db: DataSource) {
    super();
  }

  async find(skus: readonly string[]): Promise<PricedProduct[]> {
    const rows = await rowsOf<{
      sku: string;
      name: string;
      price_amount: string;
      currency: string;
      weight_grams: number;
      active: boolean;
      updated_at: Date;
    }>(
      this.db,
      sql`SELECT sku, name, price_amount, currency, weight_grams, active, updated_at
            FROM ordering.catalog_products WHERE sku = ANY(${[...skus]}::text[])`,
    );
    return rows.map((row) => ({
      sku: row.sku,
      name: row.name,
      price: { amount: Number(row.price_amount), currency: row.currency },
      weightGrams: row.weight_grams,
      active: row.active,
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  async keep(products: readonly PricedProduct[]): Promise<void> {
    if (products.length === 0) return;
    const column = <T>(pick: (product: PricedProduct) => T) => products.map(pick);
    await rowsOf(
      this.db,
      sql`WITH kept AS (
            INSERT INTO ordering.catalog_products AS p
                   (sku, name, price_amount, currency, weight_grams, active, updated_at)
            SELECT * FROM unnest(${column((p) => p.sku)}::text[], ${column((p) => p.name)}::text[],
                                 ${column((p) => p.price.amount)}::bigint[],
                                 ${column((p) => p.price.currency)}::text[],
                                 ${column((p) => p.weightGrams)}::int[], ${column((p) => p.active)}::boolean[],
                                 ${column((p) => p.updatedAt)}::timestamptz[])
            ON CONFLICT (sku) DO UPDATE
               SET name = EXCLUDED.name, price_amount = EXCLUDED.price_amount,
                   currency = EXCLUDED.currency, weight_grams = EXCLUDED.weight_grams,
                   active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
             WHERE p.updated_at <= EXCLUDED.updated_at)
          SELECT 1`,
    );
  }
}
