import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inbox } from '#platform/messaging';
import { NotificationSender } from '../../notification-sender.js';
import { NotifyCustomerCommand } from './notify-customer.command.js';

@CommandHandler(NotifyCustomerCommand)
export class NotifyCustomerHandler implements ICommandHandler<NotifyCustomerCommand> {
  constructor(
    private readonly inbox: Inbox,
    private readonly sender: NotificationSender,
  ) {}

  execute(command: NotifyCustomerCommand): Promise<'handled' | 'duplicate'> {
    return this.inbox.runOnce(command.subscriberId, command.event, (tx) =>
      this.sender.send(tx, command.message),
    );
  }
}
