import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PaymentOrderRequest, type PaymentDto } from '../../contract/index.js';
import { VoidPaymentCommand } from './void-payment.command.js';

@Controller()
export class VoidPaymentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern('payments.void')
  void(@Payload() request: PaymentOrderRequest): Promise<PaymentDto> {
    return this.commands.execute(new VoidPaymentCommand(request.orderId));
  }
}
