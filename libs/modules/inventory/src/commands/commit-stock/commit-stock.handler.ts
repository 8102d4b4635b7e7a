import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';
import { StockStore } from '../../domain/stock-store.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';
import { CommitStockCommand } from './commit-stock.command.js';

@CommandHandler(CommitStockCommand)
export class CommitStockHandler implements ICommandHandler<CommitStockCommand> {
  constructor(private readonly stock: StockStore) {}

  async execute(command: CommitStockCommand): Promise<ReservationDto> {
    return toReservationDto(command.orderId, await this.stock.commit(command.orderId));
  }
}
