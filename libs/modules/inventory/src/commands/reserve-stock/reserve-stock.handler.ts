import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';
import { StockStore } from '../../domain/stock-store.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';
import { ReserveStockCommand } from './reserve-stock.command.js';

@CommandHandler(ReserveStockCommand)
export class ReserveStockHandler implements ICommandHandler<ReserveStockCommand> {
  constructor(private readonly stock: StockStore) {}

  async execute(command: ReserveStockCommand): Promise<ReservationDto> {
    const reservation = await this.stock.reserve(
      command.orderId,
      command.lines,
      command.holdSeconds,
    );
    return toReservationDto(command.orderId, reservation);
  }
}
