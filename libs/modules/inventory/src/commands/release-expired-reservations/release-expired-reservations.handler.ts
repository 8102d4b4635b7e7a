import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StockStore } from '../../domain/stock-store.js';
import { ReleaseExpiredReservationsCommand } from './release-expired-reservations.command.js';

@CommandHandler(ReleaseExpiredReservationsCommand)
export class ReleaseExpiredReservationsHandler implements ICommandHandler<ReleaseExpiredReservationsCommand> {
  private readonly logger = new Logger('ReservationExpiry');

  constructor(private readonly stock: StockStore) {}

  async execute(command: ReleaseExpiredReservationsCommand): Promise<string[]> {
    const released = await this.stock.releaseExpired(command.limit);
    if (released.length > 0)
      this.logger.log({ orders: released }, `Released ${released.length} expired reservations`);
    return released;
  }
}
