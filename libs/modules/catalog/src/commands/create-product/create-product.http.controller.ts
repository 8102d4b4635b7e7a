import { Roles } from '#platform/http';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductDto } from '../../contract/index.js';
import { CreateProductCommand } from './create-product.command.js';
import { CreateProductRequest } from './create-product.request.js';

@ApiTags('catalog')
@Roles('admin')
@Controller('catalog/products')
export class CreateProductHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Create a product' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: ProductDto })
  @ApiConflictResponse({ description: 'A product with this SKU exists (PRODUCT_ALREADY_EXISTS)' })
  create(@Body() body: CreateProductRequest): Promise<ProductDto> {
    return this.commands.execute(
      new CreateProductCommand(body.sku, body.name, body.description, body.price, body.weightGrams),
    );
  }
}
