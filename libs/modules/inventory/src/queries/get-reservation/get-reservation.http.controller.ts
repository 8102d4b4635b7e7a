import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrderReservationRequest, ReservationDto } from '../../contract/index.js';
import { GetReservationQuery } from './get-reservation.query.js';

@ApiTags('inventory')
@Roles('admin')
@Controller('inventory/reservations')
export class GetReservationHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':orderId')
  @ApiOkResponse({
    type: ReservationDto,
    description: 'status NONE when the order reserved nothing',
  })
  get(@Param() params: OrderReservationRequest): Promise<ReservationDto> {
    return this.queries.execute(new GetReservationQuery(params.orderId));
  }
}
