import { Query } from '@nestjs/cqrs';
import type { ProductPageDto } from './product-page.dto.js';

export class ListProductsQuery extends Query<ProductPageDto> {
  constructor(
    readonly page: number,
    readonly pageSize: number,
    readonly active?: boolean,
  ) {
    super();
  }
}
