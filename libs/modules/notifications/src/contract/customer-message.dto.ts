import { ApiProperty } from '@nestjs/swagger';

export type CustomerMessageKind = 'ORDER_CONFIRMED' | 'ORDER_REJECTED' | 'SHIPMENT_CREATED';

export class CustomerMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty({ enum: ['ORDER_CONFIRMED', 'ORDER_REJECTED', 'SHIPMENT_CREATED'] })
  kind!: CustomerMessageKind;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ example: '2026-11-21T10:00:00.000Z' }) createdAt!: string;
}
