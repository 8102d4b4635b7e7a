import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { CommandControllers, CommandHandlers } from './commands/index.js';
import {
  ReservationExpiryOptions,
  ReservationExpiryScheduler,
} from './commands/release-expired-reservations/reservation-expiry.scheduler.js';
import { StockStore } from './domain/stock-store.js';
import { PostgresStockStore } from './infrastructure/postgres-stock-store.js';
import { InventorySchema } from './inventory.schema.js';
import { QueryControllers, QueryHandlers } from './queries/index.js';

/** Stock per SKU and warehouse, and reservations per order. Public surface: `contract/`. */
@Module({
  imports: [
    CqrsModule,
    MessagingModule.forModule('inventory'),
    PersistenceModule.forModule(InventorySchema),
  ],
  controllers: [...CommandControllers, ...QueryControllers],
  providers: [
    { provide: StockStore, useClass: PostgresStockStore },
    {
      provide: ReservationExpiryOptions,
      useFactory: () => ReservationExpiryOptions.fromEnv(process.env),
    },
    ReservationExpiryScheduler,
    ...CommandHandlers,
    ...QueryHandlers,
  ],
})
export class InventoryModule {}
