import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProductChanged } from '#contracts/catalog';
import { PricedProductStore } from '../domain/priced-product-store.js';

/**
 * Keeps ordering's copy of the catalog's products from its ProductChanged events. A repeated or
 * late event changes nothing: a copy only takes a newer state.
 */
@Controller()
export class CatalogProductsProjector {
  constructor(private readonly products: PricedProductStore) {}

  @EventPattern<string>(ProductChanged.pattern, { subscriber: 'ordering' })
  onProductChanged(@Payload() event: ProductChanged): Promise<void> {
    return this.products.keep([event]);
  }
}
