/**
 * The former name and place of PricedProductStore, kept only while place-order.handler.ts
 * imports it from here; delete this file once that handler imports ./priced-product-store.js.
 */
export { PricedProductStore as ProductPrices, type PricedProduct } from './priced-product-store.js';
