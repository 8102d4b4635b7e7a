import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SKU_PATTERN } from '#contracts/shared';

/** Route parameters of `/inventory/stock/:sku`. */
export class StockSkuParams {
  @ApiProperty({ example: 'MUG-BLUE-350' })
  @Matches(SKU_PATTERN, { message: 'sku must be a SKU (A-Z, 0-9, -)' })
  sku!: string;
}

/** Route parameters of `/inventory/stock/:sku/:warehouse`. */
export class StockLocationParams extends StockSkuParams {
  @ApiProperty({ example: 'BER-1' })
  @Matches(/^[A-Z0-9-]{1,32}$/, {
    message: 'warehouse must be 1-32 upper-case letters, digits or dashes',
  })
  warehouse!: string;
}
