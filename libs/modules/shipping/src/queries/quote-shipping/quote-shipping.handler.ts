import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ShippingQuoteDto } from '../../contract/index.js';
import { ShippingPricing } from '../../shipping-pricing.js';
import { QuoteShippingQuery } from './quote-shipping.query.js';

@QueryHandler(QuoteShippingQuery)
export class QuoteShippingHandler implements IQueryHandler<QuoteShippingQuery> {
  constructor(private readonly pricing: ShippingPricing) {}

  async execute(query: QuoteShippingQuery): Promise<ShippingQuoteDto> {
    const quote = await this.pricing.offer(
      query.country,
      query.weightGrams,
      query.currency,
      query.speed,
    );
    return { zone: quote.zone, speed: quote.speed, price: quote.price.toJSON() };
  }
}
