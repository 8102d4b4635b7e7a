import { Command } from '@nestjs/cqrs';
import type { ProductDto } from '../../contract/index.js';

export class CreateProductCommand extends Command<ProductDto> {
  constructor(
    readonly sku: string,
    readonly name: string,
    readonly description: string,
    readonly price: { amount: number; currency: string },
    readonly weightGrams: number,
  ) {
    super();
  }
}
