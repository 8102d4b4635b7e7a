import { Roles } from '#platform/http';
import { Body, Controller, Param, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { StockLevelDto } from '../../stock-level.dto.js';
import { StockLocationParams } from '../../stock.params.js';
import { SetStockLevelHandler } from './set-stock-level.handler.js';
import { SetStockLevelRequest } from './set-stock-level.request.js';

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
