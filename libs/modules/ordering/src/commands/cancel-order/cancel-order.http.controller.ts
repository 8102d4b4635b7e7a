import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, isAdmin, type Principal } from '#platform/http';
import { OrderDto } from '../../contract/index.js';
import { OrderIdParams } from '../../order-id.params.js';
import { CancelOrderHandler } from './cancel-order.handler.js';

@ApiTags('orders')
@Controller('orders')
export class CancelOrderHttpController {
  constructor(private readonly cancelOrder: CancelOrderHandler) {}

  @Post(':id/cancel')
  @ApiOperation({ summary: 'Cancel a pending order' })
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  @ApiConflictResponse({ description: 'The order is no longer pending (ILLEGAL_ORDER_TRANSITION)' })
  @ApiNotFoundResponse({ description: "No such order, or another customer's (ORDER_NOT_FOUND)" })
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param() params: OrderIdParams,
  ): Promise<OrderDto> {
    const requester = { subject: principal.subject, admin: isAdmin(principal) };
    return this.cancelOrder.execute(params.id, requester);
  }
}
