import { Injectable, Logger } from '@nestjs/common';
import { StockStore } from '../../domain/stock-store.js';

/** Releases held stock whose hold has expired; returns the orders released. */
@Injectable()
export class ReleaseExpiredReservationsHandler {
  private readonly logger = new Logger('ReservationExpiry');

  constructor(private readonly stock: StockStore) {}

  async execute(limit = 100): Promise<string[]> {
    const released = await this.stock.releaseExpired(limit);
    if (released.length > 0)
      this.logger.log({ orders: released }, `Released ${released.length} expired reservations`);
    return released;
  }
}
