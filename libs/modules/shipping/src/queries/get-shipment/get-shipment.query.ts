import { Query } from '@nestjs/cqrs';
import type { ShipmentDto } from '../../contract/index.js';

export class GetShipmentQuery extends Query<ShipmentDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
