import { Injectable } from '@nestjs/common';
import { FeatureFlags } from '#platform/flags';
import type { QuoteShippingRequest } from './contract/index.js';
import { RateStore } from './domain/rate-store.js';
import { expressQuote, type Quote } from './domain/shipment.js';
import { ExpressShippingUnavailableError } from './domain/shipping.errors.js';
import { ExpressShipping } from './shipping.flags.js';

/**
 * Prices parcels: the rate table for standard shipping; express adds the `express-shipping`
 * flag's `surchargePercent`. Express is only *offered* while the flag is on; a shipment for an
 * order placed with express is booked as express even if the flag was switched off since.
 */
@Injectable()
export class ShippingPricing {
  constructor(
    private readonly rates: RateStore,
    private readonly flags: FeatureFlags,
  ) {}

  /** A price to offer a customer. @throws ExpressShippingUnavailableError, UndeliverableError */
  async offer(parcel: QuoteShippingRequest): Promise<Quote> {
    if (parcel.speed === 'express' && !this.flags.isEnabled(ExpressShipping))
      throw new ExpressShippingUnavailableError();
    return this.price(parcel);
  }

  /**
   * The price of a parcel already sold at `speed`: standard when absent (or null, which the
   * validator lets through). @throws UndeliverableError
   */
  async price({ country, weightGrams, currency, speed }: QuoteShippingRequest): Promise<Quote> {
    const standard = (await this.rates.current()).quote(country, weightGrams, currency);
    if (speed !== 'express') return standard;
    return expressQuote(standard, this.flags.get(ExpressShipping).surchargePercent);
  }
}
