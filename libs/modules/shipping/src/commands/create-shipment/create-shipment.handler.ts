import { randomBytes } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Money } from '#platform/domain';
import type { ShipmentDto } from '../../contract/index.js';
import { ShipmentStore } from '../../domain/shipment-store.js';
import { ShippingPricing } from '../../shipping-pricing.js';
import { toShipmentDto } from '../../shipment-dto.mapper.js';
import { CreateShipmentCommand } from './create-shipment.command.js';

const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

@CommandHandler(CreateShipmentCommand)
export class CreateShipmentHandler implements ICommandHandler<CreateShipmentCommand> {
  constructor(
    private readonly pricing: ShippingPricing,
    private readonly shipments: ShipmentStore,
  ) {}

  async execute(command: CreateShipmentCommand): Promise<ShipmentDto> {
    let priced;
    try {
      priced = await this.pricing.price(
        command.address.country,
        command.weightGrams,
        command.currency,
        command.speed,
      );
    } catch (error) {
      // A repeat is answered with the stored shipment, even if rates changed since.
      const existing = await this.shipments.find(command.orderId);
      if (existing) return toShipmentDto(command.orderId, existing);
      throw error;
    }
    // The customer paid a price when ordering; rates or the express surcharge may have changed since.
    const quote = command.price
      ? { ...priced, price: Money.of(command.price.amount, command.price.currency) }
      : priced;
    const shipment = await this.shipments.create({
      orderId: command.orderId,
      ...(command.customerId !== undefined && { customerId: command.customerId }),
      address: { ...command.address },
      weightGrams: command.weightGrams,
      quote,
      trackingNumber: trackingNumber(),
    });
    return toShipmentDto(command.orderId, shipment);
  }
}

/** `SEAM` + 10 characters without look-alikes (0/O, 1/I). */
function trackingNumber(): string {
  return `SEAM${[...randomBytes(10)].map((byte) => TRACKING_ALPHABET[byte % TRACKING_ALPHABET.length]).join('')}`;
}
