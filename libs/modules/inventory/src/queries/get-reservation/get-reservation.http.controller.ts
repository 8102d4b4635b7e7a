import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { OrderReservationRequest, ReservationDto } from '../../contract/index.js';
import { GetReservationHandler } from './get-reservation.handler.js';

@ApiTags('inventory')
@Roles('admin')
@Controller('inventory/reservations')
export class GetReservationHttpController {
  constructor(private readonly getReservation: GetReservationHandler) {}

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
    return this.getReservation.execute(params);
  }
}
