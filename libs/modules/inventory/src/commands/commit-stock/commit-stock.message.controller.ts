import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { Inventory, OrderReservationRequest, type ReservationDto } from '../../contract/index.js';
import { CommitStockHandler } from './commit-stock.handler.js';

@Controller()
export class CommitStockMessageController {
  constructor(private readonly commitStock: CommitStockHandler) {}

  @Handles(Inventory, 'inventory.commit')
  commit(@Payload() request: OrderReservationRequest): Promise<ReservationDto> {
    return this.commitStock.execute(request);
  }
}
