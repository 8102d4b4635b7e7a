import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ShipmentDto, ShipmentOrderRequest } from '../../contract/index.js';
import { GetShipmentHandler } from './get-shipment.handler.js';

@ApiTags('shipping')
@Roles('admin')
@Controller('shipping/shipments')
export class GetShipmentHttpController {
  constructor(private readonly getShipment: GetShipmentHandler) {}

  @Get(':orderId')
  @ApiOperation({ summary: 'Get the shipment of an order' })
  @ApiParam({
    name: 'orderId',
    description: 'The order id: 1-64 letters, digits, - or _',
    example: 'ord-123',
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: ShipmentDto, description: 'status NONE when the order has no shipment' })
  get(@Param() params: ShipmentOrderRequest): Promise<ShipmentDto> {
    return this.getShipment.execute(params);
  }
}
