import { Query } from '@nestjs/cqrs';
import type { StockLevelDto } from '../../stock-level.dto.js';

export class GetStockQuery extends Query<StockLevelDto[]> {
  constructor(readonly sku: string) {
    super();
  }
}
