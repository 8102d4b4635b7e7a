import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PaymentDto } from '../../contract/index.js';
import { captureOf } from '../../domain/payment.js';
import { PaymentGateway } from '../../domain/payment-gateway.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { PaymentStateError } from '../../domain/payments.errors.js';
import { callGateway, PaymentsOptions } from '../../gateway-call.js';
import { toPaymentDto } from '../../payment-dto.mapper.js';
import { CapturePaymentCommand } from './capture-payment.command.js';

@CommandHandler(CapturePaymentCommand)
export class CapturePaymentHandler implements ICommandHandler<CapturePaymentCommand> {
  constructor(
    private readonly payments: PaymentStore,
    private readonly gateway: PaymentGateway,
    private readonly options: PaymentsOptions,
  ) {}

  execute(command: CapturePaymentCommand): Promise<PaymentDto> {
    return this.payments.exclusive(command.orderId, () => this.run(command));
  }

  private async run(command: CapturePaymentCommand): Promise<PaymentDto> {
    const payment = await this.payments.find(command.orderId);
    const amount = captureOf(command.orderId, payment, command.amount);
    if (!amount) return toPaymentDto(command.orderId, payment);

    const { captureId } = await callGateway('capture', this.options.gatewayTimeoutMs, () =>
      this.gateway.capture(`${command.orderId}:capture`, payment!.authorizationId!, amount),
    );
    const captured = await this.payments.markCaptured(command.orderId, amount.amount, captureId);
    if (captured.status !== 'CAPTURED')
      throw new PaymentStateError(command.orderId, 'capture', captured.status);
    return toPaymentDto(command.orderId, captured);
  }
}
