import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Route parameters of `/customers/:id/…`: a customer's orders, their messages. */
export class CustomerIdParams {
  @ApiProperty({ example: 'c1' })
  @IsString()
  @Length(1, 128)
  id!: string;
}
