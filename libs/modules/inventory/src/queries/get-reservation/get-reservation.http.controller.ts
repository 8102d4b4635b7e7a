import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { OrderReservationRequest, ReservationDto } from '../../contract/index.js';
import { GetReservationQuery } from './get-reservation.query.js';

@ApiTags('inventory')
@Roles('admin')
@Controller('inventory/reservations')
export class GetReservationHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':orderId')
  @ApiOperation({ summary: 'Get the stock reservation of an order' })
  @ApiParam({
    name: 'orderId',
    description: 'The order id: 1-64 letters, digits, - or _',
    example: 'ord-123',
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({
    type: ReservationDto,
    description: 'status NONE when the order reserved nothing',
  })
  get(@Param() params: OrderReservationRequest): Promise<ReservationDto> {
    return this.queries.execute(new GetReservationQuery(params.orderId));
  }
}
