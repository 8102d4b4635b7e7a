import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CARD_TOKEN_PATTERN, MoneyDto, ORDER_ID_PATTERN, OrderIdRequest } from '#contracts/shared';

export class AuthorizePaymentRequest {
  @Matches(ORDER_ID_PATTERN, { message: 'orderId must be 1-64 letters, digits, - or _' })
  orderId!: string;

  /** Must equal the order total. */
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;

  @Matches(CARD_TOKEN_PATTERN, { message: 'cardToken must be a card token (tok_…)' })
  cardToken!: string;
}

export class PaymentOrderRequest extends OrderIdRequest {}

export class CapturePaymentRequest extends PaymentOrderRequest {
  /** Minor units to capture; default: everything authorised. Never more than authorised. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amount?: number;
}

export type PaymentStatus = 'AUTHORIZED' | 'DECLINED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED' | 'NONE';

export class PaymentDto {
  @ApiProperty() orderId!: string;

  /** NONE: no payment was ever authorised for this order (voiding it is a no-op). */
  @ApiProperty({ enum: ['AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'NONE'] })
  status!: PaymentStatus;

  @ApiProperty({ example: 'EUR', nullable: true, type: String }) currency!: string | null;
  @ApiProperty({ example: 5997 }) authorizedAmount!: number;
  @ApiProperty({ example: 5997 }) capturedAmount!: number;
  @ApiProperty({ example: 0 }) refundedAmount!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) declineReason!: string | null;
}
