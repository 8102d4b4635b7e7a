import { Command } from '@nestjs/cqrs';
import type { AddressDto, ShippingSpeed } from '#contracts/shipping';
import type { OrderDto } from '../../contract/index.js';

export class PlaceOrderCommand extends Command<OrderDto> {
  constructor(
    readonly customerId: string,
    readonly idempotencyKey: string,
    readonly lines: readonly { sku: string; quantity: number }[],
    readonly shippingAddress: AddressDto,
    readonly paymentToken: string,
    readonly shippingSpeed: ShippingSpeed = 'standard',
  ) {
    super();
  }
}
