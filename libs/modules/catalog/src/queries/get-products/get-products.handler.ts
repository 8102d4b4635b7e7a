import { Injectable } from '@nestjs/common';
import type { GetProductsRequest, GetProductsResponse } from '../../contract/index.js';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';

@Injectable()
export class GetProductsHandler {
  constructor(private readonly products: ProductStore) {}

  async execute(request: GetProductsRequest): Promise<GetProductsResponse> {
    const skus = [...new Set(request.skus)];
    const found = new Map((await this.products.findBySkus(skus)).map((p) => [p.props.sku, p]));
    return {
      products: skus.flatMap((sku) => {
        const product = found.get(sku);
        return product ? [toProductDto(product)] : [];
      }),
      missing: skus.filter((sku) => !found.has(sku)),
    };
  }
}
