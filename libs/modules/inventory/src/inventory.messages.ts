import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles, type PatternHandlers } from '#platform/messaging';
import { CommitStockHandler } from './commands/commit-stock/commit-stock.handler.js';
import { ReleaseStockHandler } from './commands/release-stock/release-stock.handler.js';
import { ReserveStockHandler } from './commands/reserve-stock/reserve-stock.handler.js';
import {
  Inventory,
  OrderReservationRequest,
  type ReservationDto,
  ReserveStockRequest,
} from './contract/index.js';

/** The inventory contract's request/reply patterns, each answered by its use case. */
@Controller()
export class InventoryMessages implements PatternHandlers<typeof Inventory> {
  constructor(
    private readonly reserveStock: ReserveStockHandler,
    private readonly releaseStock: ReleaseStockHandler,
    private readonly commitStock: CommitStockHandler,
  ) {}

  @Handles(Inventory, 'inventory.reserve')
  reserve(@Payload() request: ReserveStockRequest): Promise<ReservationDto> {
    return this.reserveStock.execute(request);
  }

  @Handles(Inventory, 'inventory.release')
  release(@Payload() request: OrderReservationRequest): Promise<ReservationDto> {
    return this.releaseStock.execute(request);
  }

  @Handles(Inventory, 'inventory.commit')
  commit(@Payload() request: OrderReservationRequest): Promise<ReservationDto> {
    return this.commitStock.execute(request);
  }
}
