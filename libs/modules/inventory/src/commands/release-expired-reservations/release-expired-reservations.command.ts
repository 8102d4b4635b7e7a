import { Command } from '@nestjs/cqrs';

/** Releases held stock whose hold has expired; returns the orders released. */
export class ReleaseExpiredReservationsCommand extends Command<string[]> {
  constructor(readonly limit = 100) {
    super();
  }
}
