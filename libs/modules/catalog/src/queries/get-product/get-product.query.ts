import { Query } from '@nestjs/cqrs';
import type { ProductDto } from '../../contract/index.js';

export class GetProductQuery extends Query<ProductDto> {
  constructor(readonly sku: string) {
    super();
  }
}
