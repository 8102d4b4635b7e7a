import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CustomerMessageDto } from '../../contract/index.js';
import {
  ListCustomerMessagesQuery,
  type CustomerMessagePageDto,
} from './list-customer-messages.query.js';

@QueryHandler(ListCustomerMessagesQuery)
export class ListCustomerMessagesHandler implements IQueryHandler<ListCustomerMessagesQuery> {
  constructor(@InjectDataSource('notifications') private readonly db: DataSource) {}

  async execute(query: ListCustomerMessagesQuery): Promise<CustomerMessagePageDto> {
    const rows = (await this.db.query(
      `SELECT id, customer_id, order_id, kind, subject, body, created_at, count(*) OVER () AS total
         FROM notifications.messages WHERE customer_id = $1
        ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [query.customerId, query.pageSize, (query.page - 1) * query.pageSize],
    )) as {
      id: string;
      customer_id: string;
      order_id: string;
      kind: CustomerMessageDto['kind'];
      subject: string;
      body: string;
      created_at: Date;
      total: string;
    }[];
    return {
      items: rows.map((row) => ({
        id: row.id,
        customerId: row.customer_id,
        orderId: row.order_id,
        kind: row.kind,
        subject: row.subject,
        body: row.body,
        createdAt: row.created_at.toISOString(),
      })),
      page: query.page,
      pageSize: query.pageSize,
      total: await this.totalOf(rows, query),
    };
  }

  /**
   * The window count comes with the rows. An empty first page means there are none (counting
   * again could see a message committed since, and report a total the items contradict); past the
   * last page the window count is unavailable, so it is counted separately.
   */
  private async totalOf(
    rows: { total: string }[],
    query: ListCustomerMessagesQuery,
  ): Promise<number> {
    if (rows[0]) return Number(rows[0].total);
    if (query.page === 1) return 0;
    const [row] = (await this.db.query(
      `SELECT count(*) AS total FROM notifications.messages WHERE customer_id = $1`,
      [query.customerId],
    )) as { total: string }[];
    return Number(row!.total);
  }
}
