import { ChangePriceHandler } from './change-price/change-price.handler.js';
import { ChangePriceHttpController } from './change-price/change-price.http.controller.js';
import { CreateProductHandler } from './create-product/create-product.handler.js';
import { CreateProductHttpController } from './create-product/create-product.http.controller.js';
import { DeactivateProductHandler } from './deactivate-product/deactivate-product.handler.js';
import { DeactivateProductHttpController } from './deactivate-product/deactivate-product.http.controller.js';

export const CommandHandlers = [CreateProductHandler, ChangePriceHandler, DeactivateProductHandler];
export const CommandControllers = [
  CreateProductHttpController,
  ChangePriceHttpController,
  DeactivateProductHttpController,
];
