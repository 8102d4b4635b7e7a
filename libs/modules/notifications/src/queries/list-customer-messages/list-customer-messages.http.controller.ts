import { Controller, ForbiddenException, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { CurrentPrincipal, isAdmin, type Principal } from '#platform/http';
import {
  CustomerMessagePageDto,
  ListCustomerMessagesQuery,
} from './list-customer-messages.query.js';

export class CustomerIdParams {
  @ApiProperty({ example: 'c1' })
  @IsString()
  @Length(1, 128)
  id!: string;
}

export class MessagePageRequest {
  @ApiPropertyOptional({ default: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}

@ApiTags('notifications')
@Controller('customers')
export class ListCustomerMessagesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/notifications')
  @ApiOkResponse({ type: CustomerMessagePageDto })
  @ApiForbiddenResponse({ description: "Another customer's messages" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CustomerIdParams,
    @QueryParams() page: MessagePageRequest,
  ): Promise<CustomerMessagePageDto> {
    if (!isAdmin(principal) && principal.subject !== params.id)
      throw new ForbiddenException('Customers may read only their own messages');
    return this.queries.execute(new ListCustomerMessagesQuery(params.id, page.page, page.pageSize));
  }
}
