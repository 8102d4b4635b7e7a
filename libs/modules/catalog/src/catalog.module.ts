import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule, OutboxModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { CatalogSchema } from './catalog.schema.js';
import { CommandControllers, CommandHandlers } from './commands/index.js';
import { ProductStore } from './domain/product-store.js';
import { PostgresProductStore } from './infrastructure/postgres-product-store.js';
import { QueryControllers, QueryHandlers } from './queries/index.js';

/**
 * Products and prices. Public surface: `contract/` (pattern `catalog.get-products`, event
 * `catalog.product-changed`).
 */
@Module({
  imports: [
    CqrsModule,
    MessagingModule.forModule('catalog'),
    PersistenceModule.forModule(CatalogSchema),
    OutboxModule.forModule(CatalogSchema),
  ],
  controllers: [...CommandControllers, ...QueryControllers],
  providers: [
    { provide: ProductStore, useClass: PostgresProductStore },
    ...CommandHandlers,
    ...QueryHandlers,
  ],
})
export class CatalogModule {}
