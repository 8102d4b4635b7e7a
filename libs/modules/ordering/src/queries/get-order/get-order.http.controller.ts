import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, isAdmin, type Principal } from '#platform/http';
import { OrderDto } from '../../contract/index.js';
import { OrderIdParams } from '../../order-id.params.js';
import { GetOrderHandler } from './get-order.handler.js';

@ApiTags('orders')
@Controller('orders')
export class GetOrderHttpController {
  constructor(private readonly getOrder: GetOrderHandler) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get an order' })
  @ApiOkResponse({
    type: OrderDto,
    description: 'From the OrderView read model, updated from order events',
  })
  @ApiNotFoundResponse({ description: "No such order, or another customer's (ORDER_NOT_FOUND)" })
  get(@CurrentPrincipal() principal: Principal, @Param() params: OrderIdParams): Promise<OrderDto> {
    const requester = { subject: principal.subject, admin: isAdmin(principal) };
    return this.getOrder.execute(params.id, requester);
  }
}
