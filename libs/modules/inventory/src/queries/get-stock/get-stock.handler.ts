import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StockLedger } from '../../domain/stock-ledger.js';
import { toStockLevelDto, type StockLevelDto } from '../../stock-level.dto.js';
import { GetStockQuery } from './get-stock.query.js';

@QueryHandler(GetStockQuery)
export class GetStockHandler implements IQueryHandler<GetStockQuery> {
  constructor(private readonly ledger: StockLedger) {}

  async execute(query: GetStockQuery): Promise<StockLevelDto[]> {
    return (await this.ledger.levels(query.sku)).map(toStockLevelDto);
  }
}
