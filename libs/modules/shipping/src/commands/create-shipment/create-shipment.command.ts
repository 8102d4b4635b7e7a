import type { MoneyDto } from '#contracts/shared';
import type { ShippingSpeed } from '../../contract/index.js';
import { Command } from '@nestjs/cqrs';
import type { AddressDto, ShipmentDto } from '../../contract/index.js';

export class CreateShipmentCommand extends Command<ShipmentDto> {
  constructor(
    readonly orderId: string,
    readonly address: AddressDto,
    readonly weightGrams: number,
    readonly currency: string,
    readonly speed: ShippingSpeed = 'standard',
    /** The price the customer paid, when known. */
    readonly price?: MoneyDto,
    /** Whose order it is, when known (carried by the ShipmentCreated event). */
    readonly customerId?: string,
  ) {
    super();
  }
}
