import { Module } from '@nestjs/common';
import { MessagingModule, OutboxModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { CatalogMessages } from './catalog.messages.js';
import { CatalogSchema } from './catalog.schema.js';
import { ChangePriceHandler } from './commands/change-price/change-price.handler.js';
import { ChangePriceHttpController } from './commands/change-price/change-price.http.controller.js';
import { CreateProductHandler } from './commands/create-product/create-product.handler.js';
import { CreateProductHttpController } from './commands/create-product/create-product.http.controller.js';
import { DeactivateProductHandler } from './commands/deactivate-product/deactivate-product.handler.js';
import { DeactivateProductHttpController } from './commands/deactivate-product/deactivate-product.http.controller.js';
import { ProductStore } from './domain/product-store.js';
import { PostgresProductStore } from './infrastructure/postgres-product-store.js';
import { GetProductHandler } from './queries/get-product/get-product.handler.js';
import { GetProductHttpController } from './queries/get-product/get-product.http.controller.js';
import { GetProductsHandler } from './queries/get-products/get-products.handler.js';
import { ListProductsHandler } from './queries/list-products/list-products.handler.js';
import { ListProductsHttpController } from './queries/list-products/list-products.http.controller.js';

/**
 * Products and prices. Public surface: `contract/` (pattern `catalog.get-products`, event
 * `catalog.product-changed`).
 */
@Module({
  imports: [
    MessagingModule.forModule('catalog'),
    PersistenceModule.forModule(CatalogSchema),
    OutboxModule.forModule(CatalogSchema),
  ],
  controllers: [
    CatalogMessages,
    CreateProductHttpController,
    ChangePriceHttpController,
    DeactivateProductHttpController,
    ListProductsHttpController,
    GetProductHttpController,
  ],
  providers: [
    { provide: ProductStore, useClass: PostgresProductStore },
    CreateProductHandler,
    ChangePriceHandler,
    DeactivateProductHandler,
    ListProductsHandler,
    GetProductHandler,
    GetProductsHandler,
  ],
})
export class CatalogModule {}
