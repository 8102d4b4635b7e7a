import { Column, Entity, PrimaryColumn } from 'typeorm';

/** PostgreSQL bigint arrives as a string; amounts are bounded to safe integers by validation. */
const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/** Row of `catalog.products`. */
@Entity({ schema: 'catalog', name: 'products' })
export class ProductRecord {
  @PrimaryColumn({ type: 'text' })
  sku!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'price_amount', type: 'bigint', transformer: bigintAsNumber })
  priceAmount!: number;

  @Column({ name: 'price_currency', type: 'char', length: 3 })
  priceCurrency!: string;

  @Column({ name: 'weight_grams', type: 'integer' })
  weightGrams!: number;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
