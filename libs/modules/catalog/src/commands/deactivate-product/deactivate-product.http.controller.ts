import { Roles } from '#platform/http';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductDto } from '../../contract/index.js';
import { SkuParams } from '../../sku.params.js';
import { DeactivateProductCommand } from './deactivate-product.command.js';

@ApiTags('catalog')
@Roles('admin')
@Controller('catalog/products')
export class DeactivateProductHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':sku/deactivate')
  @ApiOperation({ summary: 'Deactivate a product, so it is no longer sold' })
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto })
  @ApiNotFoundResponse({ description: 'No product with this SKU (PRODUCT_NOT_FOUND)' })
  deactivate(@Param() params: SkuParams): Promise<ProductDto> {
    return this.commands.execute(new DeactivateProductCommand(params.sku));
  }
}
