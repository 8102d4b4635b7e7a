import { Roles } from '#platform/http';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductDto } from '../../contract/index.js';
import { CreateProductHandler } from './create-product.handler.js';
import { CreateProductRequest } from './create-product.request.js';

@ApiTags('catalog')
@Roles('admin')
@Controller('catalog/products')
export class CreateProductHttpController {
  constructor(private readonly createProduct: CreateProductHandler) {}

  @Post()
  @ApiOperation({ summary: 'Create a product' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: ProductDto })
  @ApiConflictResponse({ description: 'A product with this SKU exists (PRODUCT_ALREADY_EXISTS)' })
  create(@Body() body: CreateProductRequest): Promise<ProductDto> {
    return this.createProduct.execute(body);
  }
}
