import { Injectable } from '@nestjs/common';
import type { QuoteShippingRequest, ShippingQuoteDto } from '../../contract/index.js';
import { ShippingPricing } from '../../shipping-pricing.js';

@Injectable()
export class QuoteShippingHandler {
  constructor(private readonly pricing: ShippingPricing) {}

  async execute(request: QuoteShippingRequest): Promise<ShippingQuoteDto> {
    const { country, weightGrams, currency } = request;
    const speed = request.speed ?? 'standard'; // null too: the validator lets it through
    const quote = await this.pricing.offer(country, weightGrams, currency, speed);
    return { zone: quote.zone, speed: quote.speed, price: quote.price.toJSON() };
  }
}
