import { ApiOrderIdParam } from '#contracts/shared';
import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PaymentDto, PaymentOrderRequest } from '../../contract/index.js';
import { GetPaymentHandler } from './get-payment.handler.js';

@ApiTags('payments')
@Roles('admin')
@Controller('payments')
export class GetPaymentHttpController {
  constructor(private readonly getPayment: GetPaymentHandler) {}

  @Get(':orderId')
  @ApiOperation({ summary: 'Get the payment of an order' })
  @ApiOrderIdParam()
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: PaymentDto, description: 'status NONE when the order has no payment' })
  get(@Param() params: PaymentOrderRequest): Promise<PaymentDto> {
    return this.getPayment.execute(params);
  }
}
