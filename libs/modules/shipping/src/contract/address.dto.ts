import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsOptional, IsString } from 'class-validator';
import { CodePointLength } from '#platform/messaging';

/** A postal address. `country` is ISO 3166-1 alpha-2 (DE, FR, US …). */
export class AddressDto {
  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @CodePointLength(1, 200)
  name!: string;

  @ApiProperty({ example: 'Hauptstraße 1' })
  @IsString()
  @CodePointLength(1, 200)
  line1!: string;

  @ApiPropertyOptional({ example: '2. OG' })
  @IsOptional()
  @IsString()
  @CodePointLength(0, 200)
  line2?: string;

  @ApiProperty({ example: 'Berlin' })
  @IsString()
  @CodePointLength(1, 100)
  city!: string;

  @ApiProperty({ example: '10115' })
  @IsString()
  @CodePointLength(1, 20)
  postalCode!: string;

  @ApiProperty({ example: 'DE' })
  @IsISO31661Alpha2()
  country!: string;
}
