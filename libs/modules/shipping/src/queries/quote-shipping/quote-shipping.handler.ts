import { Injectable } from '@nestjs/common';
import type { QuoteShippingRequest, ShippingQuoteDto } from '../../contract/index.js';
import { ShippingPricing } from '../../shipping-pricing.js';

@Injectable()
export class QuoteShippingHandler {
  constructor(private readonly pricing: ShippingPricing) {}

  async execute(request: QuoteShippingRequest): Promise<ShippingQuoteDto> {
    const quote = await this.pricing.offer(request);
    return { zone: quote.zone, speed: quote.speed, price: quote.price.toJSON() };
  }
}
