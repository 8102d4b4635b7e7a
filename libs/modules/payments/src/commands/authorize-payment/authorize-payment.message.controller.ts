import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { AuthorizePaymentRequest, type PaymentDto, Payments } from '../../contract/index.js';
import { AuthorizePaymentCommand } from './authorize-payment.command.js';

@Controller()
export class AuthorizePaymentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Payments, 'payments.authorize')
  authorize(@Payload() request: AuthorizePaymentRequest): Promise<PaymentDto> {
    return this.commands.execute(
      new AuthorizePaymentCommand(request.orderId, request.amount, request.cardToken),
    );
  }
}
