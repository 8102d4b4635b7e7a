import { Public } from '#platform/http';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { QuoteShippingRequest, Shipping, ShippingQuoteDto } from '../../contract/index.js';
import { QuoteShippingQuery } from './quote-shipping.query.js';

@ApiTags('shipping')
@Public()
@Controller('shipping/quote')
export class QuoteShippingHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Quote the shipping of a parcel' })
  @ApiOkResponse({ type: ShippingQuoteDto })
  @ApiUnprocessableEntityResponse({
    description:
      'UNDELIVERABLE: country not served, too heavy, or currency not supported; EXPRESS_SHIPPING_UNAVAILABLE',
  })
  quote(@QueryParams() request: QuoteShippingRequest): Promise<ShippingQuoteDto> {
    return this.queries.execute(
      new QuoteShippingQuery(request.country, request.weightGrams, request.currency, request.speed),
    );
  }
}

@Controller()
export class QuoteShippingMessageController {
  constructor(private readonly queries: QueryBus) {}

  @Handles(Shipping, 'shipping.quote')
  quote(@Payload() request: QuoteShippingRequest): Promise<ShippingQuoteDto> {
    return this.queries.execute(
      new QuoteShippingQuery(request.country, request.weightGrams, request.currency, request.speed),
    );
  }
}
