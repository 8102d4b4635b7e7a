import { Injectable } from '@nestjs/common';
import { StockStore } from '../../domain/stock-store.js';
import { toStockLevelDto, type StockLevelDto } from '../../stock-level.dto.js';

@Injectable()
export class GetStockHandler {
  constructor(private readonly stock: StockStore) {}

  async execute(sku: string): Promise<StockLevelDto[]> {
    return (await this.stock.levels(sku)).map(toStockLevelDto);
  }
}
