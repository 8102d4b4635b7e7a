import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PaymentDto } from '../../contract/index.js';
import { refundOf } from '../../domain/payment.js';
import { PaymentGateway } from '../../domain/payment-gateway.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { PaymentStateError } from '../../domain/payments.errors.js';
import { callGateway, PaymentsOptions } from '../../gateway-call.js';
import { toPaymentDto } from '../../payment-dto.mapper.js';
import { RefundPaymentCommand } from './refund-payment.command.js';

@CommandHandler(RefundPaymentCommand)
export class RefundPaymentHandler implements ICommandHandler<RefundPaymentCommand> {
  constructor(
    private readonly payments: PaymentStore,
    private readonly gateway: PaymentGateway,
    private readonly options: PaymentsOptions,
  ) {}

  execute(command: RefundPaymentCommand): Promise<PaymentDto> {
    return this.payments.exclusive(command.orderId, () => this.run(command));
  }

  private async run(command: RefundPaymentCommand): Promise<PaymentDto> {
    const payment = await this.payments.find(command.orderId);
    const amount = refundOf(command.orderId, payment);
    if (!amount) return toPaymentDto(command.orderId, payment);

    await callGateway('refund', this.options.gatewayTimeoutMs, () =>
      this.gateway.refund(`${command.orderId}:refund`, payment!.captureId!, amount),
    );
    const refunded = await this.payments.markRefunded(command.orderId);
    if (refunded.status !== 'REFUNDED')
      throw new PaymentStateError(command.orderId, 'refund', refunded.status);
    return toPaymentDto(command.orderId, refunded);
  }
}
