import { ApiParam } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ORDER_ID_PATTERN } from './identifiers.js';

/** A request naming one order; each contract names its own subclass (`PaymentOrderRequest` …). */
export class OrderIdRequest {
  @Matches(ORDER_ID_PATTERN, { message: 'orderId must be 1-64 letters, digits, - or _' })
  orderId!: string;
}

/** OpenAPI for the `:orderId` path parameter of a route that takes an OrderIdRequest. */
export const ApiOrderIdParam = () =>
  ApiParam({
    name: 'orderId',
    description: 'The order id: 1-64 letters, digits, - or _',
    schema: { type: 'string', pattern: ORDER_ID_PATTERN.source, example: 'ord-123' },
  });
