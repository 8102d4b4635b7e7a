import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { type PaymentDto, PaymentOrderRequest, Payments } from '../../contract/index.js';
import { VoidPaymentCommand } from './void-payment.command.js';

@Controller()
export class VoidPaymentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Payments, 'payments.void')
  void(@Payload() request: PaymentOrderRequest): Promise<PaymentDto> {
    return this.commands.execute(new VoidPaymentCommand(request.orderId));
  }
}
