import { ApiOrderIdParam } from '#contracts/shared';
import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderReservationRequest, ReservationDto } from '../../contract/index.js';
import { GetReservationHandler } from './get-reservation.handler.js';

@ApiTags('inventory')
@Roles('admin')
@Controller('inventory/reservations')
export class GetReservationHttpController {
  constructor(private readonly getReservation: GetReservationHandler) {}

  @Get(':orderId')
  @ApiOperation({ summary: 'Get the stock reservation of an order' })
  @ApiOrderIdParam()
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({
    type: ReservationDto,
    description: 'status NONE when the order reserved nothing',
  })
  get(@Param() params: OrderReservationRequest): Promise<ReservationDto> {
    return this.getReservation.execute(params);
  }
}
