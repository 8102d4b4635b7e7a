import { Query } from '@nestjs/cqrs';
import type { GetProductsResponse } from '../../contract/index.js';

export class GetProductsQuery extends Query<GetProductsResponse> {
  constructor(readonly skus: readonly string[]) {
    super();
  }
}
