import { defineContract, query } from '#platform/messaging';
import { GetProductsRequest, GetProductsResponse } from './get-products.dto.js';

/**
 * The catalog module's public surface.
 *
 * `catalog.get-products`: prices and weights of the given SKUs, for pricing an order.
 */
export const Catalog = defineContract({
  module: 'catalog',
  patterns: {
    'catalog.get-products': query(GetProductsRequest, GetProductsResponse),
  },
});
