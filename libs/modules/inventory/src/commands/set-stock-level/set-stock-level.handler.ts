import { Injectable } from '@nestjs/common';
import { Catalog } from '#contracts/catalog';
import { ModuleBus } from '#platform/messaging';
import { UnknownSkuError } from '../../domain/inventory.errors.js';
import { StockStore } from '../../domain/stock-store.js';
import { toStockLevelDto, type StockLevelDto } from '../../stock-level.dto.js';

/** Sets the counted quantity on hand of a catalog SKU in one warehouse (a stock take or a delivery). */
@Injectable()
export class SetStockLevelHandler {
  constructor(
    private readonly stock: StockStore,
    private readonly bus: ModuleBus,
  ) {}

  async execute(sku: string, warehouse: string, onHand: number): Promise<StockLevelDto> {
    const { missing } = await this.bus.to(Catalog).send('catalog.get-products', { skus: [sku] });
    if (missing.length > 0) throw new UnknownSkuError(sku);
    return toStockLevelDto(await this.stock.setLevel(sku, warehouse, onHand));
  }
}
