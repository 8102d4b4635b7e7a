import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { Inventory, OrderReservationRequest, type ReservationDto } from '../../contract/index.js';
import { ReleaseStockHandler } from './release-stock.handler.js';

@Controller()
export class ReleaseStockMessageController {
  constructor(private readonly releaseStock: ReleaseStockHandler) {}

  @Handles(Inventory, 'inventory.release')
  release(@Payload() request: OrderReservationRequest): Promise<ReservationDto> {
    return this.releaseStock.execute(request);
  }
}
