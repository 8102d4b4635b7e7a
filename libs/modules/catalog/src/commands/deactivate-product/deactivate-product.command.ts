import { Command } from '@nestjs/cqrs';
import type { ProductDto } from '../../contract/index.js';

/** Idempotent: deactivating an inactive product changes nothing. */
export class DeactivateProductCommand extends Command<ProductDto> {
  constructor(readonly sku: string) {
    super();
  }
}
