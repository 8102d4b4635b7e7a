import { randomBytes } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ShipmentDto } from '../../contract/index.js';
import { ShipmentStore } from '../../domain/shipment.js';
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
    const existing = await this.shipments.find(command.orderId);
    if (existing) return toShipmentDto(command.orderId, existing);
    const quote = await this.pricing.price(
      command.address.country,
      command.weightGrams,
      command.currency,
      command.speed,
    );
    const shipment = await this.shipments.create({
      orderId: command.orderId,
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
