import type { ProductDto } from '#contracts/catalog';

/** What ordering prices an order line with: a product as the catalog last announced it. */
export type PricedProduct = Omit<ProductDto, 'description'>;

/**
 * Port: ordering's copy of the catalog's products (a read model kept from the catalog's
 * ProductChanged events), so placing an order needs no call to catalog for products it knows.
 */
export abstract class PricedProductStore {
  /** The products of `skus` this copy holds (others are simply absent). */
  abstract find(skus: readonly string[]): Promise<PricedProduct[]>;
  /** Stores products, each only if it is newer than the copy held (events may arrive late). */
  abstract keep(products: readonly PricedProduct[]): Promise<void>;
}
