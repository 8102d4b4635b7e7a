import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { MoneyDto, SKU_PATTERN } from '#contracts/shared';

/**
 * A product was added, repriced or deactivated: its state after the change, published through
 * the catalog outbox. Modules that price orders keep their own copy of what they need from it.
 */
export class ProductChanged {
  static readonly pattern = 'catalog.product-changed';

  @Matches(SKU_PATTERN)
  readonly sku!: string;

  @IsString()
  readonly name!: string;

  @ValidateNested()
  @Type(() => MoneyDto)
  readonly price!: MoneyDto;

  @IsInt()
  @Min(1)
  readonly weightGrams!: number;

  @IsBoolean()
  readonly active!: boolean;

  /** When the change was made: a copy applies a change only if it is newer than what it has. */
  @IsISO8601()
  readonly updatedAt!: string;
}
