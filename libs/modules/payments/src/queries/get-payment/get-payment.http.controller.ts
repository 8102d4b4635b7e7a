import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { PaymentDto, PaymentOrderRequest } from '../../contract/index.js';
import { GetPaymentHandler } from './get-payment.handler.js';

@ApiTags('payments')
@Roles('admin')
@Controller('payments')
export class GetPaymentHttpController {
  constructor(private readonly getPayment: GetPaymentHandler) {}

  @Get(':orderId')
  @ApiOperation({ summary: 'Get the payment of an order' })
  @ApiParam({
    name: 'orderId',
    description: 'The order id: 1-64 letters, digits, - or _',
    example: 'ord-123',
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: PaymentDto, description: 'status NONE when the order has no payment' })
  get(@Param() params: PaymentOrderRequest): Promise<PaymentDto> {
    return this.getPayment.execute(params);
  }
}
