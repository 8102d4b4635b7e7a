import { Roles } from '#platform/http';
import { Body, Controller, Param, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { SKU_PATTERN } from '#contracts/shared';
import { StockLevelDto } from '../../stock-level.dto.js';
import { SetStockLevelHandler } from './set-stock-level.handler.js';

export class StockLocationParams {
  @ApiProperty({ example: 'MUG-BLUE-350' })
  @Matches(SKU_PATTERN, { message: 'sku must be a SKU (A-Z, 0-9, -)' })
  sku!: string;

  @ApiProperty({ example: 'BER-1' })
  @Matches(/^[A-Z0-9-]{1,32}$/, {
    message: 'warehouse must be 1-32 upper-case letters, digits or dashes',
  })
  warehouse!: string;
}

export class SetStockLevelRequest {
  @ApiProperty({ example: 40, description: 'Units on hand, counted' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  onHand!: number;
}

@ApiTags('inventory')
@Roles('admin')
@Controller('inventory/stock')
export class SetStockLevelHttpController {
  constructor(private readonly setStockLevel: SetStockLevelHandler) {}

  @Put(':sku/:warehouse')
  @ApiOperation({ summary: 'Set the counted stock of a SKU in a warehouse' })
  @ApiOkResponse({ type: StockLevelDto })
  @ApiConflictResponse({ description: 'More than that is reserved (STOCK_BELOW_RESERVED)' })
  @ApiUnprocessableEntityResponse({ description: 'The catalog has no such SKU (UNKNOWN_SKU)' })
  set(
    @Param() location: StockLocationParams,
    @Body() body: SetStockLevelRequest,
  ): Promise<StockLevelDto> {
    return this.setStockLevel.execute(location.sku, location.warehouse, body.onHand);
  }
}
