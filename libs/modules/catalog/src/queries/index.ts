import { GetProductHandler } from './get-product/get-product.handler.js';
import { GetProductHttpController } from './get-product/get-product.http.controller.js';
import { GetProductsHandler } from './get-products/get-products.handler.js';
import { GetProductsMessageController } from './get-products/get-products.message.controller.js';
import { ListProductsHandler } from './list-products/list-products.handler.js';
import { ListProductsHttpController } from './list-products/list-products.http.controller.js';

export const QueryHandlers = [ListProductsHandler, GetProductHandler, GetProductsHandler];
export const QueryControllers = [
  ListProductsHttpController,
  GetProductHttpController,
  GetProductsMessageController,
];
