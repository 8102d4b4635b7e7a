import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SKU_PATTERN } from '#contracts/shared';
import { StockLevelDto } from '../../stock-level.dto.js';
import { GetStockHandler } from './get-stock.handler.js';

export class StockSkuParams {
  @ApiProperty({ example: 'MUG-BLUE-350' })
  @Matches(SKU_PATTERN, { message: 'sku must be a SKU (A-Z, 0-9, -)' })
  sku!: string;
}

@ApiTags('inventory')
@Roles('admin')
@Controller('inventory/stock')
export class GetStockHttpController {
  constructor(private readonly getStock: GetStockHandler) {}

  @Get(':sku')
  @ApiOperation({ summary: 'Get the stock of a SKU in every warehouse' })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: [StockLevelDto], description: 'One entry per warehouse holding the SKU' })
  get(@Param() params: StockSkuParams): Promise<StockLevelDto[]> {
    return this.getStock.execute(params.sku);
  }
}
