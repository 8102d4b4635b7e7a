import { Module } from '@nestjs/common';
import { MessagingModule, OutboxModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { WorkflowsModule } from '#platform/workflows';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler.js';
import { CancelOrderHttpController } from './commands/cancel-order/cancel-order.http.controller.js';
import { ConfirmOrderHandler } from './commands/confirm-order/confirm-order.handler.js';
import { PlaceOrderHandler } from './commands/place-order/place-order.handler.js';
import { PlaceOrderHttpController } from './commands/place-order/place-order.http.controller.js';
import { RejectOrderHandler } from './commands/reject-order/reject-order.handler.js';
import { OrderCounts } from './order-counts.js';
import { OrderStore } from './domain/order-store.js';
import { OrderViewStore } from './domain/order-view-store.js';
import { PricedProductStore } from './domain/priced-product-store.js';
import { PostgresOrderStore } from './infrastructure/postgres-order-store.js';
import { PostgresOrderViewStore } from './infrastructure/postgres-order-view-store.js';
import { PostgresPricedProductStore } from './infrastructure/postgres-priced-product-store.js';
import { OrderingMessages } from './ordering.messages.js';
import { OrderingSchema } from './ordering.schema.js';
import { CatalogProductsProjector } from './projections/catalog-products.projector.js';
import { GetOrderHttpController } from './queries/get-order/get-order.http.controller.js';
import { GetOrderDetailsHandler, GetOrderHandler } from './queries/get-order/get-order.handler.js';
import { ListEndedOrdersHandler } from './queries/list-ended-orders/list-ended-orders.handler.js';
import { ListCustomerOrdersHandler } from './queries/list-customer-orders/list-customer-orders.handler.js';
import { ListCustomerOrdersHttpController } from './queries/list-customer-orders/list-customer-orders.http.controller.js';

/**
 * Orders, their states, the OrderView read model, and the order-fulfilment saga that takes a
 * placed order to CONFIRMED or REJECTED. Public surface: `contract/`.
 */
@Module({
  imports: [
    MessagingModule.forModule('ordering'),
    PersistenceModule.forModule(OrderingSchema),
    OutboxModule.forModule(OrderingSchema),
    WorkflowsModule.forModule(OrderingSchema),
  ],
  controllers: [
    OrderingMessages,
    PlaceOrderHttpController,
    CancelOrderHttpController,
    GetOrderHttpController,
    ListCustomerOrdersHttpController,
    CatalogProductsProjector,
  ],
  providers: [
    { provide: OrderStore, useClass: PostgresOrderStore },
    { provide: OrderViewStore, useClass: PostgresOrderViewStore },
    { provide: PricedProductStore, useClass: PostgresPricedProductStore },
    OrderCounts,
    PlaceOrderHandler,
    ConfirmOrderHandler,
    RejectOrderHandler,
    CancelOrderHandler,
    GetOrderHandler,
    GetOrderDetailsHandler,
    ListCustomerOrdersHandler,
    ListEndedOrdersHandler,
  ],
})
export class OrderingModule {}
