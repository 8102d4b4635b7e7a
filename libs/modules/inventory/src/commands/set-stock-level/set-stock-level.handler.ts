import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Catalog } from '#contracts/catalog';
import { ModuleBus } from '#platform/messaging';
import { UnknownSkuError } from '../../domain/inventory.errors.js';
import { StockStore } from '../../domain/stock-store.js';
import { toStockLevelDto, type StockLevelDto } from '../../stock-level.dto.js';
import { SetStockLevelCommand } from './set-stock-level.command.js';

@CommandHandler(SetStockLevelCommand)
export class SetStockLevelHandler implements ICommandHandler<SetStockLevelCommand> {
  constructor(
    private readonly stock: StockStore,
    private readonly bus: ModuleBus,
  ) {}

  async execute(command: SetStockLevelCommand): Promise<StockLevelDto> {
    const { missing } = await this.bus
      .to(Catalog)
      .send('catalog.get-products', { skus: [command.sku] });
    if (missing.length > 0) throw new UnknownSkuError(command.sku);
    return toStockLevelDto(
      await this.stock.setLevel(command.sku, command.warehouse, command.onHand),
    );
  }
}
