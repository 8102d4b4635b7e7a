import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { Inventory, type ReservationDto, ReserveStockRequest } from '../../contract/index.js';
import { ReserveStockHandler } from './reserve-stock.handler.js';

@Controller()
export class ReserveStockMessageController {
  constructor(private readonly reserveStock: ReserveStockHandler) {}

  @Handles(Inventory, 'inventory.reserve')
  reserve(@Payload() request: ReserveStockRequest): Promise<ReservationDto> {
    return this.reserveStock.execute(request);
  }
}
