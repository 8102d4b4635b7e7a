import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ORDER_ID_PATTERN, OrderIdRequest, SKU_PATTERN } from '#contracts/shared';

export class StockLineDto {
  @ApiProperty({ example: 'MUG-BLUE-350' })
  @Matches(SKU_PATTERN, { message: 'sku must be a SKU (A-Z, 0-9, -)' })
  sku!: string;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity!: number;
}

export class ReserveStockRequest {
  @Matches(ORDER_ID_PATTERN, { message: 'orderId must be 1-64 letters, digits, - or _' })
  orderId!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => StockLineDto)
  lines!: StockLineDto[];

  /** How long the stock is held before the sweep releases it; default 15 minutes. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3600)
  holdSeconds?: number;
}

export class OrderReservationRequest extends OrderIdRequest {}

export class ReservedLineDto {
  @ApiProperty() sku!: string;
  @ApiProperty() warehouse!: string;
  @ApiProperty() quantity!: number;
}

export type ReservationStatus = 'HELD' | 'RELEASED' | 'COMMITTED' | 'NONE';

export class ReservationDto {
  @ApiProperty() orderId!: string;

  /** NONE: nothing was ever reserved for this order (releasing it is a no-op). */
  @ApiProperty({ enum: ['HELD', 'RELEASED', 'COMMITTED', 'NONE'] })
  status!: ReservationStatus;

  @ApiProperty({ type: [ReservedLineDto] })
  lines!: ReservedLineDto[];

  @ApiProperty({ nullable: true, type: String, example: '2026-11-21T10:15:00.000Z' })
  expiresAt!: string | null;
}
