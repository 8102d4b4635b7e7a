import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';
import { StockLedger } from '../../domain/stock-ledger.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';
import { ReleaseStockCommand } from './release-stock.command.js';

@CommandHandler(ReleaseStockCommand)
export class ReleaseStockHandler implements ICommandHandler<ReleaseStockCommand> {
  constructor(private readonly ledger: StockLedger) {}

  async execute(command: ReleaseStockCommand): Promise<ReservationDto> {
    return toReservationDto(command.orderId, await this.ledger.release(command.orderId));
  }
}
