import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule, OutboxModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { CommandControllers, CommandHandlers } from './commands/index.js';
import { RateTable, ShipmentStore } from './domain/shipment.js';
import { PostgresRateTable } from './infrastructure/postgres-rate-table.js';
import { PostgresShipmentStore } from './infrastructure/postgres-shipment-store.js';
import { QueryControllers, QueryHandlers } from './queries/index.js';
import { ShippingPricing } from './shipping-pricing.js';
import { ShippingSchema } from './shipping.schema.js';

/** Rates by zone and weight, and shipments per order. Public surface: `contract/`. */
@Module({
  imports: [
    CqrsModule,
    MessagingModule.forModule('shipping'),
    PersistenceModule.forModule(ShippingSchema),
    OutboxModule.forModule(ShippingSchema),
  ],
  controllers: [...CommandControllers, ...QueryControllers],
  providers: [
    { provide: RateTable, useClass: PostgresRateTable },
    { provide: ShipmentStore, useClass: PostgresShipmentStore },
    ShippingPricing,
    ...CommandHandlers,
    ...QueryHandlers,
  ],
})
export class ShippingModule {}
