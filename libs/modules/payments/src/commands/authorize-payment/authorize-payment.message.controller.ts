import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthorizePaymentRequest, type PaymentDto } from '../../contract/index.js';
import { AuthorizePaymentCommand } from './authorize-payment.command.js';

@Controller()
export class AuthorizePaymentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern('payments.authorize')
  authorize(@Payload() request: AuthorizePaymentRequest): Promise<PaymentDto> {
    return this.commands.execute(
      new AuthorizePaymentCommand(request.orderId, request.amount, request.cardToken),
    );
  }
}
