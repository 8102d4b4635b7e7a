import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Money } from '#platform/domain';
import type { CreateShipmentRequest, ShipmentDto } from '../../contract/index.js';
import { ShipmentStore } from '../../domain/shipment-store.js';
import { ShippingPricing } from '../../shipping-pricing.js';
import { toShipmentDto } from '../../shipment-dto.mapper.js';

const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

@Injectable()
export class CreateShipmentHandler {
  constructor(
    private readonly pricing: ShippingPricing,
    private readonly shipments: ShipmentStore,
  ) {}

  async execute(request: CreateShipmentRequest): Promise<ShipmentDto> {
    const { address, weightGrams, currency, speed } = request;
    let priced;
    try {
      priced = await this.pricing.price({ country: address.country, weightGrams, currency, speed });
    } catch (error) {
      // A repeat is answered with the stored shipment, even if rates changed since.
      const existing = await this.shipments.find(request.orderId);
      if (existing) return toShipmentDto(request.orderId, existing);
      throw error;
    }
    // The customer paid a price when ordering; rates or the express surcharge may have changed since.
    const quote = request.price
      ? { ...priced, price: Money.of(request.price.amount, request.price.currency) }
      : priced;
    const shipment = await this.shipments.create({
      orderId: request.orderId,
      ...(request.customerId !== undefined && { customerId: request.customerId }),
      address: { ...address },
      weightGrams,
      quote,
      trackingNumber: trackingNumber(),
    });
    return toShipmentDto(request.orderId, shipment);
  }
}

/** `SEAM` + 10 characters without look-alikes (0/O, 1/I). */
function trackingNumber(): string {
  return `SEAM${[...randomBytes(10)].map((byte) => TRACKING_ALPHABET[byte % TRACKING_ALPHABET.length]).join('')}`;
}
