import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { Money } from '#platform/domain';
import { Outbox } from '#platform/messaging';
import { rowsOf, sql } from '#platform/persistence';
import { ProductChanged } from '../contract/index.js';
import { ProductAlreadyExistsError } from '../domain/catalog.errors.js';
import { Product } from '../domain/product.js';
import { ProductStore, type ProductPage } from '../domain/product-store.js';
import { toProductDto } from '../product-dto.mapper.js';
import { ProductRecord } from './product.record.js';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class PostgresProductStore extends ProductStore {
  constructor(
    @InjectRepository(ProductRecord, 'catalog') private readonly records: Repository<ProductRecord>,
    private readonly outbox: Outbox,
  ) {
    super();
  }

  /** Every change publishes the product's new state (ProductChanged) in its own transaction. */
  async insert(product: Product): Promise<void> {
    const { sku, name, description, price, weightGrams, active, updatedAt } = product.props;
    try {
      await this.records.manager.transaction(async (tx) => {
        await tx.getRepository(ProductRecord).insert({
          sku,
          name,
          description,
          priceAmount: price.amount,
          priceCurrency: price.currency,
          weightGrams,
          active,
          createdAt: updatedAt,
          updatedAt,
        });
        await this.outbox.add(tx, changed(product), sku);
      });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new ProductAlreadyExistsError(sku);
      }
      throw error;
    }
  }

  async findBySku(sku: string): Promise<Product | undefined> {
    const record = await this.records.findOneBy({ sku });
    return record ? toProduct(record) : undefined;
  }

  /** On the order path (catalog.get-products): one plain statement, no query builder. */
  async findBySkus(skus: readonly string[]): Promise<Product[]> {
    const rows = await rowsOf<RawProductRow>(
      this.records.manager.connection,
      sql`SELECT * FROM catalog.products WHERE sku = ANY(${[...skus]}::text[])`,
    );
    return rows.map((row) => toProduct(fromRaw(row)));
  }

  async list(filter: { active?: boolean; offset: number; limit: number }): Promise<ProductPage> {
    const [records, total] = await this.records.findAndCount({
      where: filter.active === undefined ? {} : { active: filter.active },
      order: { sku: 'ASC' },
      skip: filter.offset,
      take: filter.limit,
    });
    return { items: records.map(toProduct), total };
  }

  async changePrice(sku: string, price: Money): Promise<Product | undefined> {
    return this.updateReturning(sku, { priceAmount: price.amount, priceCurrency: price.currency });
  }

  async deactivate(sku: string): Promise<Product | undefined> {
    return this.updateReturning(sku, { active: false });
  }

  /** One conditional UPDATE … RETURNING: no lost update between concurrent writers. */
  private async updateReturning(
    sku: string,
    changes: Partial<Pick<ProductRecord, 'priceAmount' | 'priceCurrency' | 'active'>>,
  ): Promise<Product | undefined> {
    return this.records.manager.transaction(async (tx) => {
      const result = await tx
        .createQueryBuilder()
        .update(ProductRecord)
        .set({ ...changes, updatedAt: () => 'now()' })
        .where('sku = :sku', { sku })
        .returning('*')
        .execute();
      const row = (result.raw as RawProductRow[])[0];
      if (!row) return undefined;
      const product = toProduct(fromRaw(row));
      await this.outbox.add(tx, changed(product), sku);
      return product;
    });
  }
}

interface RawProductRow {
  sku: string;
  name: string;
  description: string;
  price_amount: string;
  price_currency: string;
  weight_grams: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

function fromRaw(row: RawProductRow): ProductRecord {
  return Object.assign(new ProductRecord(), {
    sku: row.sku,
    name: row.name,
    description: row.description,
    priceAmount: Number(row.price_amount),
    priceCurrency: row.price_currency,
    weightGrams: row.weight_grams,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

function changed(product: Product): ProductChanged {
  return ProductChanged.of(toProductDto(product));
}

function toProduct(record: ProductRecord): Product {
  return Product.restore({
    sku: record.sku,
    name: record.name,
    description: record.description,
    price: Money.of(record.priceAmount, record.priceCurrency),
    weightGrams: record.weightGrams,
    active: record.active,
    updatedAt: record.updatedAt,
  });
}
