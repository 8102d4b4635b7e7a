export { Catalog } from './catalog.contract.js';
export { GetProductsRequest, GetProductsResponse } from './get-products.dto.js';
export { MoneyDto } from './money.dto.js';
export { ProductChanged } from './product-changed.event.js';
export { ProductDto, SKU_PATTERN } from './product.dto.js';
