import { Module } from '@nestjs/common';
import { MessagingModule, OutboxModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { OrderEventsSubscriber } from './commands/notify-customer/order-events.subscriber.js';
import { CustomerMessageStore } from './domain/customer-message-store.js';
import { NotificationSender } from './domain/notification-sender.js';
import { PostgresCustomerMessageStore } from './infrastructure/postgres-customer-message-store.js';
import { RecordingNotificationSender } from './infrastructure/recording-notification-sender.js';
import { NotificationsSchema } from './notifications.schema.js';
import { ListCustomerMessagesHandler } from './queries/list-customer-messages/list-customer-messages.handler.js';
import { ListCustomerMessagesHttpController } from './queries/list-customer-messages/list-customer-messages.http.controller.js';

/** Messages to customers about their orders, each sent once. No request/reply patterns of its own. */
@Module({
  imports: [
    MessagingModule.forModule('notifications'),
    PersistenceModule.forModule(NotificationsSchema),
    OutboxModule.forModule(NotificationsSchema),
  ],
  controllers: [OrderEventsSubscriber, ListCustomerMessagesHttpController],
  providers: [
    { provide: CustomerMessageStore, useClass: PostgresCustomerMessageStore },
    { provide: NotificationSender, useClass: RecordingNotificationSender },
    ListCustomerMessagesHandler,
  ],
})
export class NotificationsModule {}
