import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ShipmentDto } from '../../contract/index.js';
import { ShipmentStore } from '../../domain/shipment-store.js';
import { toShipmentDto } from '../../shipment-dto.mapper.js';
import { CancelShipmentCommand } from './cancel-shipment.command.js';

@CommandHandler(CancelShipmentCommand)
export class CancelShipmentHandler implements ICommandHandler<CancelShipmentCommand> {
  constructor(private readonly shipments: ShipmentStore) {}

  async execute(command: CancelShipmentCommand): Promise<ShipmentDto> {
    return toShipmentDto(command.orderId, await this.shipments.cancel(command.orderId));
  }
}
