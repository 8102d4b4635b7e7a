import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PaymentOrderRequest, type PaymentDto } from '../../contract/index.js';
import { RefundPaymentCommand } from './refund-payment.command.js';

@Controller()
export class RefundPaymentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern('payments.refund')
  refund(@Payload() request: PaymentOrderRequest): Promise<PaymentDto> {
    return this.commands.execute(new RefundPaymentCommand(request.orderId));
  }
}
