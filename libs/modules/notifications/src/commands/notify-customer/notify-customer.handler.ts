import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotificationSender } from '../../domain/notification-sender.js';
import { NotifyCustomerCommand } from './notify-customer.command.js';

@CommandHandler(NotifyCustomerCommand)
export class NotifyCustomerHandler implements ICommandHandler<NotifyCustomerCommand> {
  constructor(private readonly sender: NotificationSender) {}

  execute(command: NotifyCustomerCommand): Promise<'sent' | 'duplicate'> {
    return this.sender.send(command.message);
  }
}
