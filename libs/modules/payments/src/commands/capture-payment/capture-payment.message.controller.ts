import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { CapturePaymentRequest, type PaymentDto, Payments } from '../../contract/index.js';
import { CapturePaymentCommand } from './capture-payment.command.js';

@Controller()
export class CapturePaymentMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Handles(Payments, 'payments.capture')
  capture(@Payload() request: CapturePaymentRequest): Promise<PaymentDto> {
    return this.commands.execute(new CapturePaymentCommand(request.orderId, request.amount));
  }
}
