import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Money } from '#platform/domain';
import type { PaymentDto } from '../../contract/index.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { PaymentGateway } from '../../domain/payment-gateway.js';
import {
  CaptureExceedsAuthorizationError,
  PaymentNotFoundError,
  PaymentStateError,
} from '../../domain/payments.errors.js';
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
    if (!payment) throw new PaymentNotFoundError(command.orderId);
    if (payment.status === 'CAPTURED') return toPaymentDto(command.orderId, payment);
    if (payment.status !== 'AUTHORIZED')
      throw new PaymentStateError(command.orderId, 'capture', payment.status);

    const amount = command.amount ?? payment.authorized.amount;
    if (amount > payment.authorized.amount) {
      throw new CaptureExceedsAuthorizationError(
        command.orderId,
        payment.authorized.amount,
        amount,
      );
    }
    const { captureId } = await callGateway('capture', this.options.gatewayTimeoutMs, () =>
      this.gateway.capture(
        `${command.orderId}:capture`,
        payment.authorizationId!,
        Money.of(amount, payment.authorized.currency),
      ),
    );
    const captured = await this.payments.markCaptured(command.orderId, amount, captureId);
    if (captured.status !== 'CAPTURED')
      throw new PaymentStateError(command.orderId, 'capture', captured.status);
    return toPaymentDto(command.orderId, captured);
  }
}
