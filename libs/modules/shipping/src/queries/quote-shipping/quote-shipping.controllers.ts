import { Public } from '#platform/http';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { QuoteShippingRequest, Shipping, ShippingQuoteDto } from '../../contract/index.js';
import { QuoteShippingHandler } from './quote-shipping.handler.js';

@ApiTags('shipping')
@Public()
@Controller('shipping/quote')
export class QuoteShippingHttpController {
  constructor(private readonly quoteShipping: QuoteShippingHandler) {}

  @Get()
  @ApiOperation({ summary: 'Quote the shipping of a parcel' })
  @ApiOkResponse({ type: ShippingQuoteDto })
  @ApiUnprocessableEntityResponse({
    description:
      'UNDELIVERABLE: country not served, too heavy, or currency not supported; EXPRESS_SHIPPING_UNAVAILABLE',
  })
  quote(@QueryParams() request: QuoteShippingRequest): Promise<ShippingQuoteDto> {
    return this.quoteShipping.execute(request);
  }
}

@Controller()
export class QuoteShippingMessageController {
  constructor(private readonly quoteShipping: QuoteShippingHandler) {}

  @Handles(Shipping, 'shipping.quote')
  quote(@Payload() request: QuoteShippingRequest): Promise<ShippingQuoteDto> {
    return this.quoteShipping.execute(request);
  }
}
