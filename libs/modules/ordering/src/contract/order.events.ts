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

/** A customer placed an order (status PENDING). Carries everything the order's views show. */
export class OrderPlaced {
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

  static of(fields: Omit<OrderPlaced, never>): OrderPlaced {
    return Object.assign(new OrderPlaced(), fields);
  }
}

export class OrderConfirmed {
  static readonly pattern = 'ordering.order-confirmed';

  @IsUUID() orderId!: string;
  @IsString() customerId!: string;
  @IsDefined() @ValidateNested() @Type(() => MoneyDto) total!: MoneyDto;
  @IsISO8601() confirmedAt!: string;

  static of(fields: Omit<OrderConfirmed, never>): OrderConfirmed {
    return Object.assign(new OrderConfirmed(), fields);
  }
}

export class OrderRejected {
  static readonly pattern = 'ordering.order-rejected';

  @IsUUID() orderId!: string;
  @IsString() customerId!: string;
  /** For the customer. */
  @IsString() reason!: string;
  @IsISO8601() rejectedAt!: string;

  static of(fields: Omit<OrderRejected, never>): OrderRejected {
    return Object.assign(new OrderRejected(), fields);
  }
}

export class OrderCancelled {
  static readonly pattern = 'ordering.order-cancelled';

  @IsUUID() orderId!: string;
  @IsString() customerId!: string;
  @IsISO8601() cancelledAt!: string;

  static of(fields: Omit<OrderCancelled, never>): OrderCancelled {
    return Object.assign(new OrderCancelled(), fields);
  }
}
