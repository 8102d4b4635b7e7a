import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CARD_TOKEN_PATTERN, MoneyDto, SKU_PATTERN } from '#contracts/shared';
import { AddressDto, SHIPPING_SPEEDS, type ShippingSpeed } from '#contracts/shipping';
import { CodePointLength } from '#platform/messaging';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

/** The most of one SKU an order may hold, whether in one line or in several lines added up. */
export const MAX_QUANTITY_PER_SKU = 1000;

export class OrderLineRequest {
  @ApiProperty({ example: 'MUG-BLUE-350' })
  @Matches(SKU_PATTERN, { message: 'sku must be a SKU (A-Z, 0-9, -)' })
  sku!: string;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY_PER_SKU)
  quantity!: number;
}

export class PlaceOrderRequest {
  @ApiProperty({ type: [OrderLineRequest] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequest)
  lines!: OrderLineRequest[];

  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AddressDto)
  shippingAddress!: AddressDto;

  @ApiProperty({ example: 'tok_approve', description: 'Card token from the payment provider' })
  @Matches(CARD_TOKEN_PATTERN, { message: 'paymentToken must be a card token (tok_…)' })
  paymentToken!: string;

  @ApiPropertyOptional({
    enum: SHIPPING_SPEEDS,
    default: 'standard',
    description: 'express only while the express-shipping flag is on (at a surcharge)',
  })
  @IsOptional()
  @IsIn(SHIPPING_SPEEDS)
  shippingSpeed?: ShippingSpeed;
}

export class OrderLineDto {
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty({ type: MoneyDto }) unitPrice!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) lineTotal!: MoneyDto;
  @ApiProperty({ description: 'Weight of one unit, in grams' }) weightGrams!: number;
}

export class OrderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty({ enum: ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'] }) status!: OrderStatus;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why the order was rejected, for the customer',
  })
  rejectReason!: string | null;
  @ApiProperty({ type: [OrderLineDto] }) lines!: OrderLineDto[];
  @ApiProperty({ type: MoneyDto }) itemsTotal!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) shippingTotal!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) total!: MoneyDto;
  @ApiProperty() totalWeightGrams!: number;
  @ApiProperty({ type: AddressDto }) shippingAddress!: AddressDto;
  @ApiProperty({ enum: SHIPPING_SPEEDS }) shippingSpeed!: ShippingSpeed;
  @ApiProperty({ example: '2026-11-21T10:00:00.000Z' }) placedAt!: string;
  @ApiProperty({ example: '2026-11-21T10:00:00.000Z' }) updatedAt!: string;
}

/** What other modules (the order workflow) may read of an order: the order plus its payment token. */
export class OrderDetailsDto extends OrderDto {
  @ApiProperty() paymentToken!: string;
}

export class OrderIdRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orderId!: string;
}

export class RejectOrderRequest extends OrderIdRequest {
  /** Shown to the customer. */
  @IsString()
  @CodePointLength(1, 500)
  reason!: string;
}

/** The most orders one `ordering.list-ended-orders` call returns. */
export const MAX_ENDED_ORDERS = 500;

/**
 * Orders that ended (REJECTED or CANCELLED) in `[since, until)`, by the time of their last
 * change: for the reconciliation of payments against orders. `since` must be before `until`
 * (`InvalidTimeWindowError` otherwise).
 */
export class ListEndedOrdersRequest {
  @ApiProperty({ example: '2026-11-20T00:00:00.000Z', description: 'Inclusive' })
  @IsISO8601({ strict: true, strictSeparator: true })
  since!: string;

  @ApiProperty({ example: '2026-11-21T00:00:00.000Z', description: 'Exclusive' })
  @IsISO8601({ strict: true, strictSeparator: true })
  until!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_ENDED_ORDERS, example: 500 })
  @IsInt()
  @Min(1)
  @Max(MAX_ENDED_ORDERS)
  limit!: number;
}

export class EndedOrderDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ enum: ['REJECTED', 'CANCELLED'] }) status!: 'REJECTED' | 'CANCELLED';
}

export class EndedOrdersDto {
  /** Oldest change first. */
  @ApiProperty({ type: [EndedOrderDto] }) orders!: EndedOrderDto[];
  /** More orders ended in the window than `limit`: the rest were left out. */
  @ApiProperty() truncated!: boolean;
}
