import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Catalog } from '#contracts/catalog';
import { Shipping, type ShippingSpeed } from '#contracts/shipping';
import { Money, ValidationFailedError } from '#platform/domain';
import { ModuleBus, ModuleError } from '#platform/messaging';
import { Metrics } from '#platform/observability';
import {
  MAX_QUANTITY_PER_SKU,
  type OrderDto,
  type PlaceOrderRequest,
} from '../../contract/index.js';
import { Order, type OrderLine } from '../../domain/order.js';
import { OrderStore, type IdempotencyRecord } from '../../domain/order-store.js';
import { OrderCounts } from '../../order-counts.js';
import { PricedProductStore } from '../../domain/priced-product-store.js';
import {
  ExpressShippingUnavailableError,
  IdempotencyKeyReusedError,
  MixedCurrenciesError,
  OrderUndeliverableError,
  ProductsUnavailableError,
  UnknownProductsError,
} from '../../domain/ordering.errors.js';
import { toOrderDto } from '../../order-dto.mapper.js';
import { orderFulfilmentOf } from '../../order-fulfilment.js';

/**
 * Prices the lines (ordering's copy of the catalog) and the parcel (shipping, over the bus),
 * then stores the PENDING order with its OrderPlaced event and starts its order-fulfilment saga,
 * in one transaction. The same Idempotency-Key with the same request returns the first
 * response; with a different request it is refused.
 */
@Injectable()
export class PlaceOrderHandler {
  private readonly lookups: ReturnType<Metrics['counter']>;

  constructor(
    private readonly orders: OrderStore,
    private readonly prices: PricedProductStore,
    private readonly bus: ModuleBus,
    metrics: Metrics,
    private readonly counts: OrderCounts,
  ) {
    this.lookups = metrics.counter(
      'seam_ordering_product_lookups_total',
      "Products looked up to price an order: 'hit' from ordering's copy, 'miss' asked of catalog.",
      ['result'],
    );
  }

  async execute(
    customerId: string,
    idempotencyKey: string,
    request: PlaceOrderRequest,
  ): Promise<OrderDto> {
    const shippingSpeed = request.shippingSpeed ?? 'standard';
    const requestHash = hashRequest(request);
    const earlier = await this.orders.findIdempotent(customerId, idempotencyKey);
    if (earlier) return replay(earlier, idempotencyKey, requestHash);

    const quantities = mergeLines(request.lines);
    const lines = await this.priceLines(quantities);
    const currency = lines[0]!.unitPrice.currency;
    const weightGrams = lines.reduce((sum, line) => sum + line.weightGrams * line.quantity, 0);
    const shippingTotal = await this.quoteShipping(
      request.shippingAddress.country,
      weightGrams,
      currency,
      shippingSpeed,
    );

    const order = Order.place({
      id: randomUUID(),
      customerId,
      lines,
      shippingTotal,
      shippingAddress: { ...request.shippingAddress },
      shippingSpeed,
      paymentToken: request.paymentToken,
    });
    const response = toOrderDto(order);
    const placed = await this.orders.place(
      order,
      { key: idempotencyKey, requestHash },
      response,
      orderFulfilmentOf(order),
    );
    if (!placed.stored) return replay(placed.earlier, idempotencyKey, requestHash);
    this.counts.placed();
    return response;
  }

  /**
   * Prices from ordering's own copy of the catalog (kept by ProductChanged events); only SKUs it
   * has not seen yet are asked of catalog, and remembered.
   */
  private async priceLines(quantities: Map<string, number>): Promise<OrderLine[]> {
    const skus = [...quantities.keys()];
    const known = await this.prices.find(skus);
    const unknown = skus.filter((sku) => !known.some((product) => product.sku === sku));
    this.lookups.inc({ result: 'hit' }, known.length);
    const products = [...known];
    if (unknown.length > 0) {
      this.lookups.inc({ result: 'miss' }, unknown.length);
      const fetched = await this.bus.to(Catalog).send('catalog.get-products', { skus: unknown });
      await this.prices.keep(fetched.products);
      if (fetched.missing.length > 0) throw new UnknownProductsError(fetched.missing);
      products.push(...fetched.products);
    }
    const inactive = products.filter((product) => !product.active).map((product) => product.sku);
    if (inactive.length > 0) throw new ProductsUnavailableError(inactive);
    const currencies = [...new Set(products.map((product) => product.price.currency))];
    if (currencies.length > 1) throw new MixedCurrenciesError(currencies);
    return products.map((product) => ({
      sku: product.sku,
      name: product.name,
      quantity: quantities.get(product.sku)!,
      unitPrice: Money.of(product.price.amount, product.price.currency),
      weightGrams: product.weightGrams,
    }));
  }

  private async quoteShipping(
    country: string,
    weightGrams: number,
    currency: string,
    speed: ShippingSpeed,
  ): Promise<Money> {
    try {
      const quote = await this.bus
        .to(Shipping)
        .send('shipping.quote', { country, weightGrams, currency, speed });
      return Money.of(quote.price.amount, quote.price.currency);
    } catch (error) {
      if (error instanceof ModuleError && error.name === 'UndeliverableError')
        throw new OrderUndeliverableError({ ...error.details });
      if (error instanceof ModuleError && error.name === 'ExpressShippingUnavailableError')
        throw new ExpressShippingUnavailableError();
      throw error;
    }
  }
}

/**
 * One quantity per SKU. Lines of the same SKU add up, and the sum obeys the same cap as one line:
 * two lines of 1,000 must not become one line of 2,000.
 */
function mergeLines(lines: PlaceOrderRequest['lines']): Map<string, number> {
  const quantities = new Map<string, number>();
  lines.forEach(({ sku, quantity }, index) => {
    const total = (quantities.get(sku) ?? 0) + quantity;
    if (total > MAX_QUANTITY_PER_SKU)
      throw new ValidationFailedError([
        {
          field: `lines[${index}].quantity`,
          message: `the lines of ${sku} add up to ${total}; at most ${MAX_QUANTITY_PER_SKU} of one SKU per order`,
        },
      ]);
    quantities.set(sku, total);
  });
  return quantities;
}

function replay(earlier: IdempotencyRecord, key: string, requestHash: string): OrderDto {
  if (earlier.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
  return earlier.response;
}

/** The request as the customer sent it, independent of key order in the JSON. */
function hashRequest(body: PlaceOrderRequest): string {
  const request = {
    lines: body.lines,
    shippingAddress: body.shippingAddress,
    paymentToken: body.paymentToken,
    // Only when chosen, so keys used before express existed still match their requests.
    ...(body.shippingSpeed === 'express' && { shippingSpeed: body.shippingSpeed }),
  };
  const sortedKeys = (_key: string, value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value;
  return createHash('sha256').update(JSON.stringify(request, sortedKeys)).digest('hex');
}
