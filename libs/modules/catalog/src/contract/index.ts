export { Catalog } from './catalog.contract.js';
export { GetProductsRequest, GetProductsResponse } from './get-products.dto.js';
export { ProductChanged } from './product-changed.event.js';
export { ProductDto } from './product.dto.js';
