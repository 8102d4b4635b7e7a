import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule, OutboxModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { CommandControllers, CommandHandlers } from './commands/index.js';
import { RateStore } from './domain/rate-store.js';
import { ShipmentStore } from './domain/shipment-store.js';
import { PostgresRateStore } from './infrastructure/postgres-rate-store.js';
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
    { provide: RateStore, useClass: PostgresRateStore },
    { provide: ShipmentStore, useClass: PostgresShipmentStore },
    ShippingPricing,
    ...CommandHandlers,
    ...QueryHandlers,
  ],
})
export class ShippingModule {}
