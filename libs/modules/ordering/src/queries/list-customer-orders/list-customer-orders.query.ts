import { ApiProperty } from '@nestjs/swagger';
import { Query } from '@nestjs/cqrs';
import { OrderDto } from '../../contract/index.js';
import type { Requester } from '../../domain/order-access.js';

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] }) items!: OrderDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

/** A customer's orders, newest first. */
export class ListCustomerOrdersQuery extends Query<OrderPageDto> {
  constructor(
    readonly customerId: string,
    readonly page: number,
    readonly pageSize: number,
    readonly requester: Requester,
  ) {
    super();
  }
}
