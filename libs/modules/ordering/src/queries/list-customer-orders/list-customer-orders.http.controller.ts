import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CurrentPrincipal,
  CustomerIdParams,
  isAdmin,
  PageRequest,
  type Principal,
} from '#platform/http';
import { ListCustomerOrdersHandler } from './list-customer-orders.handler.js';
import { OrderPageDto } from './order-page.dto.js';

@ApiTags('orders')
@Controller('customers')
export class ListCustomerOrdersHttpController {
  constructor(private readonly listCustomerOrders: ListCustomerOrdersHandler) {}

  @Get(':id/orders')
  @ApiOperation({ summary: "List a customer's orders, newest first" })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiForbiddenResponse({ description: "Another customer's orders (ORDER_ACCESS_DENIED)" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CustomerIdParams,
    @QueryParams() page: PageRequest,
  ): Promise<OrderPageDto> {
    const requester = { subject: principal.subject, admin: isAdmin(principal) };
    return this.listCustomerOrders.execute(params.id, page, requester);
  }
}
