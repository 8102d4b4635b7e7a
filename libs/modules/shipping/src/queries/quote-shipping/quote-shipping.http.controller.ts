import { Public } from '#platform/http';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { QuoteShippingRequest, ShippingQuoteDto } from '../../contract/index.js';
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
