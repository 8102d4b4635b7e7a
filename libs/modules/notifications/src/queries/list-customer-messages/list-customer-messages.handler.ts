import { Injectable } from '@nestjs/common';
import type { PageRequest } from '#platform/http';
import { CustomerMessageStore } from '../../domain/customer-message-store.js';
import type { CustomerMessagePageDto } from './customer-message-page.dto.js';

/** The messages sent to a customer, newest first. */
@Injectable()
export class ListCustomerMessagesHandler {
  constructor(private readonly messages: CustomerMessageStore) {}

  async execute(customerId: string, page: PageRequest): Promise<CustomerMessagePageDto> {
    const { items, total } = await this.messages.listByCustomer(
      customerId,
      (page.page - 1) * page.pageSize,
      page.pageSize,
    );
    return { items, page: page.page, pageSize: page.pageSize, total };
  }
}
