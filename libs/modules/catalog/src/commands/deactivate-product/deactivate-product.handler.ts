import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ProductDto } from '../../contract/index.js';
import { ProductNotFoundError } from '../../domain/catalog.errors.js';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';
import { DeactivateProductCommand } from './deactivate-product.command.js';

@CommandHandler(DeactivateProductCommand)
export class DeactivateProductHandler implements ICommandHandler<DeactivateProductCommand> {
  constructor(private readonly products: ProductStore) {}

  async execute(command: DeactivateProductCommand): Promise<ProductDto> {
    const product = await this.products.deactivate(command.sku);
    if (!product) throw new ProductNotFoundError(command.sku);
    return toProductDto(product);
  }
}
