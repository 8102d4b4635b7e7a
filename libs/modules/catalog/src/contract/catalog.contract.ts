import { defineContract, query } from '#platform/messaging';
import { GetProductsRequest, GetProductsResponse } from './get-products.dto.js';
import { ProductChanged } from './product-changed.event.js';

/**
 * The catalog module's public surface.
 *
 * `catalog.get-products`: prices and weights of the given SKUs, for pricing an order.
 * `catalog.product-changed`: a product was added, repriced or deactivated (its state after).
 */
export const Catalog = defineContract({
  module: 'catalog',
  patterns: {
    'catalog.get-products': query(GetProductsRequest, GetProductsResponse),
  },
  events: [ProductChanged],
});
