import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Money } from '#platform/domain';
import type { ProductDto } from '../../contract/index.js';
import { Product } from '../../domain/product.js';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';
import { CreateProductCommand } from './create-product.command.js';

@CommandHandler(CreateProductCommand)
export class CreateProductHandler implements ICommandHandler<CreateProductCommand> {
  constructor(private readonly products: ProductStore) {}

  async execute(command: CreateProductCommand): Promise<ProductDto> {
    const product = Product.create({
      sku: command.sku,
      name: command.name,
      description: command.description,
      price: Money.of(command.price.amount, command.price.currency),
      weightGrams: command.weightGrams,
    });
    await this.products.insert(product);
    return toProductDto(product);
  }
}
