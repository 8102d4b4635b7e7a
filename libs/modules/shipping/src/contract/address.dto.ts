import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsOptional, IsString, Length } from 'class-validator';

/** A postal address. `country` is ISO 3166-1 alpha-2 (DE, FR, US …). */
export class AddressDto {
  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Hauptstraße 1' })
  @IsString()
  @Length(1, 200)
  line1!: string;

  @ApiPropertyOptional({ example: '2. OG' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  line2?: string;

  @ApiProperty({ example: 'Berlin' })
  @IsString()
  @Length(1, 100)
  city!: string;

  @ApiProperty({ example: '10115' })
  @IsString()
  @Length(1, 20)
  postalCode!: string;

  @ApiProperty({ example: 'DE' })
  @IsISO31661Alpha2()
  country!: string;
}
