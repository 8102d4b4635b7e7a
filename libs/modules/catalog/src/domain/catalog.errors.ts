import { ConflictError, NotFoundError, RuleViolationError } from '#platform/domain';

export class ProductNotFoundError extends NotFoundError {
  readonly code = 'PRODUCT_NOT_FOUND';

  constructor(sku: string) {
    super(`No product with SKU ${sku}`, { sku });
  }
}

export class ProductAlreadyExistsError extends ConflictError {
  readonly code = 'PRODUCT_ALREADY_EXISTS';

  constructor(sku: string) {
    super(`A product with SKU ${sku} already exists`, { sku });
  }
}

export class InvalidProductError extends RuleViolationError {
  readonly code = 'INVALID_PRODUCT';
}
