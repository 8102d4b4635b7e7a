import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ShipmentDto } from '../../contract/index.js';
import { ShipmentStore } from '../../domain/shipment-store.js';
import { toShipmentDto } from '../../shipment-dto.mapper.js';
import { GetShipmentQuery } from './get-shipment.query.js';

@QueryHandler(GetShipmentQuery)
export class GetShipmentHandler implements IQueryHandler<GetShipmentQuery> {
  constructor(private readonly shipments: ShipmentStore) {}

  async execute(query: GetShipmentQuery): Promise<ShipmentDto> {
    return toShipmentDto(query.orderId, await this.shipments.find(query.orderId));
  }
}
