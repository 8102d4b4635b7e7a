import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsOptional,
  IsInt,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MoneyDto, ORDER_ID_PATTERN, OrderIdRequest } from '#contracts/shared';
import { AddressDto } from './address.dto.js';

export const SHIPPING_SPEEDS = ['standard', 'express'] as const;
/** `express` is offered while the `express-shipping` flag is on, at a surcharge. */
export type ShippingSpeed = (typeof SHIPPING_SPEEDS)[number];

export class QuoteShippingRequest {
  @ApiProperty({ example: 'FR' })
  @IsISO31661Alpha2()
  country!: string;

  /** Any weight: what the carrier cannot take is answered with UndeliverableError (TOO_HEAVY). */
  @ApiProperty({ example: 1200 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  weightGrams!: number;

  @ApiProperty({ example: 'EUR' })
  @IsISO4217CurrencyCode()
  currency!: string;

  @ApiPropertyOptional({ enum: SHIPPING_SPEEDS, default: 'standard' })
  @IsOptional()
  @IsIn(SHIPPING_SPEEDS)
  speed?: ShippingSpeed;
}

export class ShippingQuoteDto {
  @ApiProperty({ example: 'EU' }) zone!: string;
  @ApiProperty({ enum: SHIPPING_SPEEDS }) speed!: ShippingSpeed;
  @ApiProperty({ type: MoneyDto }) price!: MoneyDto;
}

export class CreateShipmentRequest {
  @Matches(ORDER_ID_PATTERN, { message: 'orderId must be 1-64 letters, digits, - or _' })
  orderId!: string;

  /** Whose order it is; carried by the ShipmentCreated event, so its subscribers need not ask. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  customerId?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  weightGrams!: number;

  @IsISO4217CurrencyCode()
  currency!: string;

  /** The speed the customer chose (and paid for) when ordering; default standard. */
  @IsOptional()
  @IsIn(SHIPPING_SPEEDS)
  speed?: ShippingSpeed;

  /** What the customer paid for shipping; the shipment is booked at this price. Default: today's rate. */
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  price?: MoneyDto;
}

export class ShipmentOrderRequest extends OrderIdRequest {}

export type ShipmentStatus = 'CREATED' | 'CANCELLED' | 'NONE';

export class ShipmentDto {
  @ApiProperty() orderId!: string;
  /** NONE: no shipment was created for this order (cancelling it is a no-op). */
  @ApiProperty({ enum: ['CREATED', 'CANCELLED', 'NONE'] }) status!: ShipmentStatus;
  @ApiProperty({ nullable: true, type: String, example: 'SEAM7Q2K9X4M1P' }) trackingNumber!:
    string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SEAM-POST' }) carrier!: string | null;
  @ApiProperty({ nullable: true, type: MoneyDto }) price!: MoneyDto | null;
}
