import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertMayAccess } from '../../domain/order-access.js';
import { OrderViewStore } from '../../domain/order-view-store.js';
import { ListCustomerOrdersQuery, type OrderPageDto } from './list-customer-orders.query.js';

@QueryHandler(ListCustomerOrdersQuery)
export class ListCustomerOrdersHandler implements IQueryHandler<ListCustomerOrdersQuery> {
  constructor(private readonly views: OrderViewStore) {}

  async execute(query: ListCustomerOrdersQuery): Promise<OrderPageDto> {
    assertMayAccess(query.requester, query.customerId);
    const { items, total } = await this.views.listByCustomer(
      query.customerId,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return { items, page: query.page, pageSize: query.pageSize, total };
  }
}
