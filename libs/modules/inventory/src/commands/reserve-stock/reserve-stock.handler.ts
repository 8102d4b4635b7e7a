import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';
import { StockLedger } from '../../domain/stock-ledger.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';
import { ReserveStockCommand } from './reserve-stock.command.js';

@CommandHandler(ReserveStockCommand)
export class ReserveStockHandler implements ICommandHandler<ReserveStockCommand> {
  constructor(private readonly ledger: StockLedger) {}

  async execute(command: ReserveStockCommand): Promise<ReservationDto> {
    const reservation = await this.ledger.reserve(
      command.orderId,
      command.lines,
      command.holdSeconds,
    );
    return toReservationDto(command.orderId, reservation);
  }
}
