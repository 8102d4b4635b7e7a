import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule, OutboxModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { CommandControllers, CommandHandlers } from './commands/index.js';
import { OrderStore } from './domain/order-store.js';
import { PostgresOrderStore } from './infrastructure/postgres-order-store.js';
import { PostgresOrderViews } from './infrastructure/postgres-order-views.js';
import { OrderingSchema } from './ordering.schema.js';
import { OrderViewProjector } from './projections/order-view.projector.js';
import { OrderViews } from './projections/order-views.js';
import { QueryControllers, QueryHandlers } from './queries/index.js';

/** Orders, their states and the OrderView read model. Public surface: `contract/`. */
@Module({
  imports: [
    CqrsModule,
    MessagingModule.forModule('ordering'),
    PersistenceModule.forModule(OrderingSchema),
    OutboxModule.forModule(OrderingSchema),
  ],
  controllers: [...CommandControllers, ...QueryControllers, OrderViewProjector],
  providers: [
    { provide: OrderStore, useClass: PostgresOrderStore },
    { provide: OrderViews, useClass: PostgresOrderViews },
    ...CommandHandlers,
    ...QueryHandlers,
  ],
})
export class OrderingModule {}
