import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CustomerMessageStore } from '../../domain/customer-message-store.js';
import {
  ListCustomerMessagesQuery,
  type CustomerMessagePageDto,
} from './list-customer-messages.query.js';

@QueryHandler(ListCustomerMessagesQuery)
export class ListCustomerMessagesHandler implements IQueryHandler<ListCustomerMessagesQuery> {
  constructor(private readonly messages: CustomerMessageStore) {}

  async execute(query: ListCustomerMessagesQuery): Promise<CustomerMessagePageDto> {
    const { items, total } = await this.messages.listByCustomer(
      query.customerId,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return {
      items: items.map((message) => ({ ...message, createdAt: message.createdAt.toISOString() })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }
}
