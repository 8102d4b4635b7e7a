import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ShippingQuoteDto } from '../../contract/index.js';
import { RateTable } from '../../domain/shipment.js';
import { QuoteShippingQuery } from './quote-shipping.query.js';

@QueryHandler(QuoteShippingQuery)
export class QuoteShippingHandler implements IQueryHandler<QuoteShippingQuery> {
  constructor(private readonly rates: RateTable) {}

  async execute(query: QuoteShippingQuery): Promise<ShippingQuoteDto> {
    const quote = await this.rates.quote(query.country, query.weightGrams, query.currency);
    return { zone: quote.zone, price: quote.price.toJSON() };
  }
}
