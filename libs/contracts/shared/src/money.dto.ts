import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsISO4217CurrencyCode, Max, Min } from 'class-validator';

/** An amount in integer minor units (cents) of an ISO 4217 currency. */
export class MoneyDto {
  @ApiProperty({ example: 1999, description: 'Integer minor units (1999 = 19.99)' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 currency code' })
  @IsISO4217CurrencyCode()
  currency!: string;
}
