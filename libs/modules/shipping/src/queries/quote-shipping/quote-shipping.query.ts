import type { ShippingSpeed } from '../../contract/index.js';
import { Query } from '@nestjs/cqrs';
import type { ShippingQuoteDto } from '../../contract/index.js';

export class QuoteShippingQuery extends Query<ShippingQuoteDto> {
  constructor(
    readonly country: string,
    readonly weightGrams: number,
    readonly currency: string,
    readonly speed: ShippingSpeed = 'standard',
  ) {
    super();
  }
}
