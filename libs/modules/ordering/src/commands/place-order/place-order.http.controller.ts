import { BadRequestException, Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '#platform/http';
import { OrderDto, PlaceOrderRequest } from '../../contract/index.js';
import { PlaceOrderHandler } from './place-order.handler.js';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,128}$/;

@ApiTags('orders')
@Controller('orders')
export class PlaceOrderHttpController {
  constructor(private readonly placeOrder: PlaceOrderHandler) {}

  @Post()
  @ApiOperation({ summary: 'Place an order' })
  @HttpCode(201)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Unique per order attempt (8-128 characters); a retry sends the same key',
  })
  @ApiCreatedResponse({
    type: OrderDto,
    description: 'The order, PENDING; a retry with the same key and body returns the same body',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'UNKNOWN_PRODUCTS, PRODUCTS_UNAVAILABLE, MIXED_CURRENCIES, ORDER_UNDELIVERABLE or IDEMPOTENCY_KEY_REUSED',
  })
  place(
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: PlaceOrderRequest,
  ): Promise<OrderDto> {
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException(
        'The Idempotency-Key header is required: 8-128 letters, digits, ".", ":", "-" or "_"',
      );
    }
    return this.placeOrder.execute(principal.subject, idempotencyKey, body);
  }
}
