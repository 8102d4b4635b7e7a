import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsOptional,
  IsDefined,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { MoneyDto } from '#contracts/shared';
import { AddressDto, SHIPPING_SPEEDS, type ShippingSpeed } from '#contracts/shipping';
import { OrderLineDto } from './order.dto.js';

/** An event of an order: `OrderPlaced.of({ … })` is one the outbox publishes under its pattern. */
abstract class OrderingEvent {
  static of<Event extends OrderingEvent>(this: new () => Event, fields: Omit<Event, never>): Event {
    return Object.assign(new this(), fields);
  }
}

/** A customer placed an order (status PENDING). Carries everything the order's views show. */
export class OrderPlaced extends OrderingEvent {
  static readonly pattern = 'ordering.order-placed';

  @IsUUID() orderId!: string;
  @IsString() customerId!: string;
  @IsArray() lines!: OrderLineDto[];
  @IsDefined() @ValidateNested() @Type(() => MoneyDto) itemsTotal!: MoneyDto;
  @IsDefined() @ValidateNested() @Type(() => MoneyDto) shippingTotal!: MoneyDto;
  @IsDefined() @ValidateNested() @Type(() => MoneyDto) total!: MoneyDto;
  @IsInt() totalWeightGrams!: number;
  @IsDefined() @ValidateNested() @Type(() => AddressDto) shippingAddress!: AddressDto;
  /** Absent in events published before express shipping existed (standard). */
  @IsOptional() @IsIn(SHIPPING_SPEEDS) shippingSpeed?: ShippingSpeed;
  @IsISO8601() placedAt!: string;
}

export class OrderConfirmed extends OrderingEvent {
  static readonly pattern = 'ordering.order-confirmed';

  @IsUUID() orderId!: string;
  @IsString() customerId!: string;
  @IsDefined() @ValidateNested() @Type(() => MoneyDto) total!: MoneyDto;
  @IsISO8601() confirmedAt!: string;
}

export class OrderRejected extends OrderingEvent {
  static readonly pattern = 'ordering.order-rejected';

  @IsUUID() orderId!: string;
  @IsString() customerId!: string;
  /** For the customer. */
  @IsString() reason!: string;
  @IsISO8601() rejectedAt!: string;
}

export class OrderCancelled extends OrderingEvent {
  static readonly pattern = 'ordering.order-cancelled';

  @IsUUID() orderId!: string;
  @IsString() customerId!: string;
  @IsISO8601() cancelledAt!: string;
}
