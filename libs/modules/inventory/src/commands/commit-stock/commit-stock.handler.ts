import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';
import { StockLedger } from '../../domain/stock-ledger.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';
import { CommitStockCommand } from './commit-stock.command.js';

@CommandHandler(CommitStockCommand)
export class CommitStockHandler implements ICommandHandler<CommitStockCommand> {
  constructor(private readonly ledger: StockLedger) {}

  async execute(command: CommitStockCommand): Promise<ReservationDto> {
    return toReservationDto(command.orderId, await this.ledger.commit(command.orderId));
  }
}
