import { Injectable } from '@nestjs/common';
import type { ShipmentDto, ShipmentOrderRequest } from '../../contract/index.js';
import { ShipmentStore } from '../../domain/shipment-store.js';
import { toShipmentDto } from '../../shipment-dto.mapper.js';

/** A compensation: idempotent, and a no-op for an order without a shipment. */
@Injectable()
export class CancelShipmentHandler {
  constructor(private readonly shipments: ShipmentStore) {}

  async execute(request: ShipmentOrderRequest): Promise<ShipmentDto> {
    return toShipmentDto(request.orderId, await this.shipments.cancel(request.orderId));
  }
}
