import { Module } from '@nestjs/common';
import { MessagingModule, OutboxModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { CancelShipmentHandler } from './commands/cancel-shipment/cancel-shipment.handler.js';
import { CreateShipmentHandler } from './commands/create-shipment/create-shipment.handler.js';
import { RateStore } from './domain/rate-store.js';
import { ShipmentStore } from './domain/shipment-store.js';
import { PostgresRateStore } from './infrastructure/postgres-rate-store.js';
import { PostgresShipmentStore } from './infrastructure/postgres-shipment-store.js';
import { GetShipmentHandler } from './queries/get-shipment/get-shipment.handler.js';
import { GetShipmentHttpController } from './queries/get-shipment/get-shipment.http.controller.js';
import { QuoteShippingHandler } from './queries/quote-shipping/quote-shipping.handler.js';
import { QuoteShippingHttpController } from './queries/quote-shipping/quote-shipping.http.controller.js';
import { ShippingPricing } from './shipping-pricing.js';
import { ShippingMessages } from './shipping.messages.js';
import { ShippingSchema } from './shipping.schema.js';

/** Rates by zone and weight, and shipments per order. Public surface: `contract/`. */
@Module({
  imports: [
    MessagingModule.forModule('shipping'),
    PersistenceModule.forModule(ShippingSchema),
    OutboxModule.forModule(ShippingSchema),
  ],
  controllers: [ShippingMessages, QuoteShippingHttpController, GetShipmentHttpController],
  providers: [
    { provide: RateStore, useClass: PostgresRateStore },
    { provide: ShipmentStore, useClass: PostgresShipmentStore },
    ShippingPricing,
    CreateShipmentHandler,
    CancelShipmentHandler,
    QuoteShippingHandler,
    GetShipmentHandler,
  ],
})
export class ShippingModule {}
