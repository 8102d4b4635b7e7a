import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';
import { StockStore } from '../../domain/stock-store.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';
import { ReleaseStockCommand } from './release-stock.command.js';

@CommandHandler(ReleaseStockCommand)
export class ReleaseStockHandler implements ICommandHandler<ReleaseStockCommand> {
  constructor(private readonly stock: StockStore) {}

  async execute(command: ReleaseStockCommand): Promise<ReservationDto> {
    return toReservationDto(command.orderId, await this.stock.release(command.orderId));
  }
}
