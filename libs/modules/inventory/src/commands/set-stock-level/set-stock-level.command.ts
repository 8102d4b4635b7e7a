import { Command } from '@nestjs/cqrs';
import type { StockLevelDto } from '../../stock-level.dto.js';

/** Sets the counted quantity on hand of a catalog SKU in one warehouse (a stock take or a delivery). */
export class SetStockLevelCommand extends Command<StockLevelDto> {
  constructor(
    readonly sku: string,
    readonly warehouse: string,
    readonly onHand: number,
  ) {
    super();
  }
}
