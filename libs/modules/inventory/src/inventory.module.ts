import { Module } from '@nestjs/common';
import { MessagingModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { CommitStockHandler } from './commands/commit-stock/commit-stock.handler.js';
import { ReleaseExpiredReservationsHandler } from './commands/release-expired-reservations/release-expired-reservations.handler.js';
import {
  ReservationExpiryOptions,
  ReservationExpiryScheduler,
} from './commands/release-expired-reservations/reservation-expiry.scheduler.js';
import { ReleaseStockHandler } from './commands/release-stock/release-stock.handler.js';
import { ReserveStockHandler } from './commands/reserve-stock/reserve-stock.handler.js';
import { SetStockLevelHandler } from './commands/set-stock-level/set-stock-level.handler.js';
import { SetStockLevelHttpController } from './commands/set-stock-level/set-stock-level.http.controller.js';
import { StockStore } from './domain/stock-store.js';
import { PostgresStockStore } from './infrastructure/postgres-stock-store.js';
import { InventoryMessages } from './inventory.messages.js';
import { InventorySchema } from './inventory.schema.js';
import { GetReservationHandler } from './queries/get-reservation/get-reservation.handler.js';
import { GetReservationHttpController } from './queries/get-reservation/get-reservation.http.controller.js';
import { GetStockHandler } from './queries/get-stock/get-stock.handler.js';
import { GetStockHttpController } from './queries/get-stock/get-stock.http.controller.js';

/** Stock per SKU and warehouse, and reservations per order. Public surface: `contract/`. */
@Module({
  imports: [MessagingModule.forModule('inventory'), PersistenceModule.forModule(InventorySchema)],
  controllers: [
    InventoryMessages,
    SetStockLevelHttpController,
    GetStockHttpController,
    GetReservationHttpController,
  ],
  providers: [
    { provide: StockStore, useClass: PostgresStockStore },
    {
      provide: ReservationExpiryOptions,
      useFactory: () => ReservationExpiryOptions.fromEnv(process.env),
    },
    ReservationExpiryScheduler,
    ReserveStockHandler,
    ReleaseStockHandler,
    CommitStockHandler,
    SetStockLevelHandler,
    ReleaseExpiredReservationsHandler,
    GetStockHandler,
    GetReservationHandler,
  ],
})
export class InventoryModule {}
