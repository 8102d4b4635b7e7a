import { Roles } from '#platform/http';
import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MoneyDto } from '#contracts/shared';
import { ProductDto } from '../../contract/index.js';
import { SkuParams } from '../../sku.params.js';
import { ChangePriceHandler } from './change-price.handler.js';

@ApiTags('catalog')
@Roles('admin')
@Controller('catalog/products')
export class ChangePriceHttpController {
  constructor(private readonly changePriceHandler: ChangePriceHandler) {}

  @Put(':sku/price')
  @ApiOperation({ summary: 'Change the price of a product' })
  @ApiOkResponse({ type: ProductDto })
  @ApiNotFoundResponse({ description: 'No product with this SKU (PRODUCT_NOT_FOUND)' })
  changePrice(@Param() params: SkuParams, @Body() price: MoneyDto): Promise<ProductDto> {
    return this.changePriceHandler.execute(params.sku, price);
  }
}
