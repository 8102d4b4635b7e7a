import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CurrentPrincipal, isAdmin, PageRequest, type Principal } from '#platform/http';
import { ListCustomerOrdersHandler } from './list-customer-orders.handler.js';
import { OrderPageDto } from './order-page.dto.js';

export class CustomerParams {
  @ApiProperty({ example: 'c1' })
  @IsString()
  @Length(1, 128)
  id!: string;
}

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
    @Param() params: CustomerParams,
    @QueryParams() page: PageRequest,
  ): Promise<OrderPageDto> {
    const requester = { subject: principal.subject, admin: isAdmin(principal) };
    return this.listCustomerOrders.execute(params.id, page, requester);
  }
}
