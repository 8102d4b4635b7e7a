import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { type PaymentDto, PaymentOrderRequest, Payments } from '../../contract/index.js';
import { RefundPaymentCommand } from './refund-payment.command.js';

@Controller()
export class RefundPaymentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Payments, 'payments.refund')
  refund(@Payload() request: PaymentOrderRequest): Promise<PaymentDto> {
    return this.commands.execute(new RefundPaymentCommand(request.orderId));
  }
}
