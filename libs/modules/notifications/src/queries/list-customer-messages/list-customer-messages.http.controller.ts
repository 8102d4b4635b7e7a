import { Controller, ForbiddenException, Get, Param, Query as QueryParams } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CurrentPrincipal,
  CustomerIdParams,
  isAdmin,
  PageRequest,
  type Principal,
} from '#platform/http';
import { CustomerMessagePageDto } from './customer-message-page.dto.js';
import { ListCustomerMessagesHandler } from './list-customer-messages.handler.js';

@ApiTags('notifications')
@Controller('customers')
export class ListCustomerMessagesHttpController {
  constructor(private readonly listCustomerMessages: ListCustomerMessagesHandler) {}

  @Get(':id/notifications')
  @ApiOperation({ summary: 'List the messages sent to a customer' })
  @ApiOkResponse({ type: CustomerMessagePageDto })
  @ApiForbiddenResponse({ description: "Another customer's messages" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CustomerIdParams,
    @QueryParams() page: PageRequest,
  ): Promise<CustomerMessagePageDto> {
    if (!isAdmin(principal) && principal.subject !== params.id)
      throw new ForbiddenException('Customers may read only their own messages');
    return this.listCustomerMessages.execute(params.id, page);
  }
}
