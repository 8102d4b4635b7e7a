import { Command } from '@nestjs/cqrs';
import type { ProductDto } from '../../contract/index.js';

export class ChangePriceCommand extends Command<ProductDto> {
  constructor(
    readonly sku: string,
    readonly price: { amount: number; currency: string },
  ) {
    super();
  }
}
