import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Money } from '#platform/domain';
import type { ProductDto } from '../../contract/index.js';
import { ProductNotFoundError } from '../../domain/catalog.errors.js';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';
import { ChangePriceCommand } from './change-price.command.js';

@CommandHandler(ChangePriceCommand)
export class ChangePriceHandler implements ICommandHandler<ChangePriceCommand> {
  constructor(private readonly products: ProductStore) {}

  async execute(command: ChangePriceCommand): Promise<ProductDto> {
    const price = Money.of(command.price.amount, command.price.currency);
    const product = await this.products.changePrice(command.sku, price);
    if (!product) throw new ProductNotFoundError(command.sku);
    return toProductDto(product);
  }
}
