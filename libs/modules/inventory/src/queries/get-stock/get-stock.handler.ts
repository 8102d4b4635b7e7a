import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StockStore } from '../../domain/stock-store.js';
import { toStockLevelDto, type StockLevelDto } from '../../stock-level.dto.js';
import { GetStockQuery } from './get-stock.query.js';

@QueryHandler(GetStockQuery)
export class GetStockHandler implements IQueryHandler<GetStockQuery> {
  constructor(private readonly stock: StockStore) {}

  async execute(query: GetStockQuery): Promise<StockLevelDto[]> {
    return (await this.stock.levels(query.sku)).map(toStockLevelDto);
  }
}
