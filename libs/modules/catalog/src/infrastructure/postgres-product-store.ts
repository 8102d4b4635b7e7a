import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Money } from '#platform/domain';
import { Outbox } from '#platform/messaging';
import { rowsOf, sql, type Sql } from '#platform/persistence';
import { ProductChanged } from '../contract/index.js';
import { ProductAlreadyExistsError } from '../domain/catalog.errors.js';
import { Product } from '../domain/product.js';
import { ProductStore, type ProductPage } from '../domain/product-store.js';

/** Row of `catalog.products`; bigint arrives as a string (amounts are bounded to safe integers). */
interface ProductRow {
  sku: string;
  name: string;
  description: string;
  price_amount: string;
  price_currency: string;
  weight_grams: number;
  active: boolean;
  updated_at: Date;
}

/** `catalog.products`: each change and its ProductChanged event are one statement. */
@Injectable()
export class PostgresProductStore extends ProductStore {
  constructor(
    @InjectDataSource('catalog') private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {
    super();
  }

  async insert(product: Product): Promise<void> {
    const { sku, name, description, price, weightGrams, active, updatedAt } = product.props;
    // A taken SKU inserts nothing and records no event (no failed statement to catch).
    const [result] = await rowsOf<{ created: boolean }>(
      this.db,
      sql`WITH changed AS (
            INSERT INTO catalog.products (sku, name, description, price_amount, price_currency,
                                          weight_grams, active, created_at, updated_at)
            VALUES (${sku}, ${name}, ${description}, ${price.amount}, ${price.currency},
                    ${weightGrams}, ${active}, ${updatedAt}::timestamptz, ${updatedAt}::timestamptz)
            ON CONFLICT (sku) DO NOTHING RETURNING *),
          event AS (${this.productChanged(sku)})
          SELECT EXISTS (SELECT 1 FROM changed) AS created`,
    );
    if (!result!.created) throw new ProductAlreadyExistsError(sku);
  }

  async findBySkus(skus: readonly string[]): Promise<Product[]> {
    const rows = await rowsOf<ProductRow>(
      this.db,
      sql`SELECT * FROM catalog.products WHERE sku = ANY(${[...skus]}::text[])`,
    );
    return rows.map(toProduct);
  }

  /** One page and the count of all matching products; an empty page still carries the count. */
  async list(filter: { active?: boolean; offset: number; limit: number }): Promise<ProductPage> {
    const active = filter.active ?? null;
    const matching = sql`(${active}::boolean IS NULL OR active = ${active}::boolean)`;
    const rows = await rowsOf<Partial<ProductRow> & { total: number }>(
      this.db,
      sql`SELECT page.*, matching.total
            FROM (SELECT count(*)::int AS total FROM catalog.products WHERE ${matching}) matching
            LEFT JOIN LATERAL (SELECT * FROM catalog.products WHERE ${matching}
                                ORDER BY sku OFFSET ${filter.offset} LIMIT ${filter.limit}) page ON true`,
    );
    const items = rows.filter((row): row is ProductRow & { total: number } => row.sku != null);
    return { items: items.map(toProduct), total: rows[0]?.total ?? 0 };
  }

  changePrice(sku: string, price: Money): Promise<Product | undefined> {
    return this.change(
      sku,
      sql`price_amount = ${price.amount}, price_currency = ${price.currency}`,
    );
  }

  deactivate(sku: string): Promise<Product | undefined> {
    return this.change(sku, sql`active = false`);
  }

  /**
   * One conditional `UPDATE … RETURNING` and its event, whose payload PostgreSQL builds from the
   * updated row: concurrent writers queue on the row lock, and each event tells the state its
   * own change left (no read-modify-write, no lost update). `updated_at` moves forward by at
   * least a millisecond per change (the precision of the event's `updatedAt`), so a copy that
   * keeps the newest state never mistakes a later change for an older one.
   */
  private async change(sku: string, assignments: Sql): Promise<Product | undefined> {
    const [row] = await rowsOf<ProductRow>(
      this.db,
      sql`WITH changed AS (
            UPDATE catalog.products
               SET ${assignments},
                   updated_at = date_trunc('milliseconds',
                                           greatest(clock_timestamp(), updated_at + interval '1 millisecond'))
             WHERE sku = ${sku}
            RETURNING *),
          event AS (${this.productChanged(sku)})
          SELECT * FROM changed`,
    );
    return row ? toProduct(row) : undefined;
  }

  /** ProductChanged from the row the statement's `changed` wrote, recorded only if it wrote one. */
  private productChanged(sku: string): Sql {
    const wrote = sql`EXISTS (SELECT 1 FROM changed)`;
    return this.outbox.recordComputed(ProductChanged, changedProductJson, sku, wrote);
  }
}

/** ProductChanged as `jsonb`, from the row of `catalog.products` a statement's `changed` returned. */
const changedProductJson = sql`(SELECT jsonb_build_object(
  'sku', sku, 'name', name,
  'price', jsonb_build_object('amount', price_amount, 'currency', price_currency),
  'weightGrams', weight_grams, 'active', active,
  'updatedAt', to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM changed)`;

function toProduct(row: ProductRow): Product {
  return Product.restore({
    sku: row.sku,
    name: row.name,
    description: row.description,
    price: Money.of(Number(row.price_amount), row.price_currency),
    weightGrams: row.weight_grams,
    active: row.active,
    updatedAt: row.updated_at,
  });
}
