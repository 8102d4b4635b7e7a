import { ApiProperty } from '@nestjs/swagger';
import { Query } from '@nestjs/cqrs';
import { CustomerMessageDto } from '../../contract/index.js';

export class CustomerMessagePageDto {
  @ApiProperty({ type: [CustomerMessageDto] }) items!: CustomerMessageDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

/** The messages sent to a customer, newest first. */
export class ListCustomerMessagesQuery extends Query<CustomerMessagePageDto> {
  constructor(
    readonly customerId: string,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}
