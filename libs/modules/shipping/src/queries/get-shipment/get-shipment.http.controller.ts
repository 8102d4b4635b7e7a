import { ApiOrderIdParam } from '#contracts/shared';
import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ShipmentDto, ShipmentOrderRequest } from '../../contract/index.js';
import { GetShipmentHandler } from './get-shipment.handler.js';

@ApiTags('shipping')
@Roles('admin')
@Controller('shipping/shipments')
export class GetShipmentHttpController {
  constructor(private readonly getShipment: GetShipmentHandler) {}

  @Get(':orderId')
  @ApiOperation({ summary: 'Get the shipment of an order' })
  @ApiOrderIdParam()
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: ShipmentDto, description: 'status NONE when the order has no shipment' })
  get(@Param() params: ShipmentOrderRequest): Promise<ShipmentDto> {
    return this.getShipment.execute(params);
  }
}
