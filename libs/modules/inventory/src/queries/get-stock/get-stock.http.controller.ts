import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StockLevelDto } from '../../stock-level.dto.js';
import { StockSkuParams } from '../../stock.params.js';
import { GetStockHandler } from './get-stock.handler.js';

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
