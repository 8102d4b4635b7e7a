import { Injectable } from '@nestjs/common';
import type { ShipmentDto, ShipmentOrderRequest } from '../../contract/index.js';
import { ShipmentStore } from '../../domain/shipment-store.js';
import { toShipmentDto } from '../../shipment-dto.mapper.js';

@Injectable()
export class GetShipmentHandler {
  constructor(private readonly shipments: ShipmentStore) {}

  async execute(request: ShipmentOrderRequest): Promise<ShipmentDto> {
    return toShipmentDto(request.orderId, await this.shipments.find(request.orderId));
  }
}
