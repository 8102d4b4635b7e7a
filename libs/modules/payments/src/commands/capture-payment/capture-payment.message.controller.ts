import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CapturePaymentRequest, type PaymentDto } from '../../contract/index.js';
import { CapturePaymentCommand } from './capture-payment.command.js';

@Controller()
export class CapturePaymentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern('payments.capture')
  capture(@Payload() request: CapturePaymentRequest): Promise<PaymentDto> {
    return this.commands.execute(new CapturePaymentCommand(request.orderId, request.amount));
  }
}
