import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule, OutboxModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { WorkflowsModule } from '#platform/workflows';
import { CommandControllers, CommandHandlers } from './commands/index.js';
import { OrderCounts } from './order-counts.js';
import { OrderStore } from './domain/order-store.js';
import { OrderViewStore } from './domain/order-view-store.js';
import { PricedProductStore } from './domain/priced-product-store.js';
import { PostgresOrderStore } from './infrastructure/postgres-order-store.js';
import { PostgresOrderViewStore } from './infrastructure/postgres-order-view-store.js';
import { PostgresPricedProductStore } from './infrastructure/postgres-priced-product-store.js';
import { OrderingSchema } from './ordering.schema.js';
import { CatalogProductsProjector } from './projections/catalog-products.projector.js';
import { QueryControllers, QueryHandlers } from './queries/index.js';

/**
 * Orders, their states, the OrderView read model, and the order-fulfilment saga that takes a
 * placed order to CONFIRMED or REJECTED. Public surface: `contract/`.
 */
@Module({
  imports: [
    CqrsModule,
    MessagingModule.forModule('ordering'),
    PersistenceModule.forModule(OrderingSchema),
    OutboxModule.forModule(OrderingSchema),
    WorkflowsModule.forModule(OrderingSchema),
  ],
  controllers: [...CommandControllers, ...QueryControllers, CatalogProductsProjector],
  providers: [
    { provide: OrderStore, useClass: PostgresOrderStore },
    { provide: OrderViewStore, useClass: PostgresOrderViewStore },
    { provide: PricedProductStore, useClass: PostgresPricedProductStore },
    OrderCounts,
    ...CommandHandlers,
    ...QueryHandlers,
  ],
})
export class OrderingModule {}
