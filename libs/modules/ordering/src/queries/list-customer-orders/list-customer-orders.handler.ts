import { Injectable } from '@nestjs/common';
import type { PageRequest } from '#platform/http';
import { assertMayAccess, type Requester } from '../../domain/order-access.js';
import { OrderViewStore } from '../../domain/order-view-store.js';
import type { OrderPageDto } from './order-page.dto.js';

/** A customer's orders, newest first. */
@Injectable()
export class ListCustomerOrdersHandler {
  constructor(private readonly views: OrderViewStore) {}

  async execute(
    customerId: string,
    page: PageRequest,
    requester: Requester,
  ): Promise<OrderPageDto> {
    assertMayAccess(requester, customerId);
    const { items, total } = await this.views.listByCustomer(
      customerId,
      (page.page - 1) * page.pageSize,
      page.pageSize,
    );
    return { items, page: page.page, pageSize: page.pageSize, total };
  }
}
