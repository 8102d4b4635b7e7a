import { Command } from '@nestjs/cqrs';
import type { ShipmentDto } from '../../contract/index.js';

/** A compensation: idempotent, and a no-op for an order without a shipment. */
export class CancelShipmentCommand extends Command<ShipmentDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
