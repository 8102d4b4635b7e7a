import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PaymentDto } from '../../contract/index.js';
import { mustVoid } from '../../domain/payment.js';
import { PaymentGateway } from '../../domain/payment-gateway.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { PaymentStateError } from '../../domain/payments.errors.js';
import { callGateway, PaymentsOptions } from '../../gateway-call.js';
import { toPaymentDto } from '../../payment-dto.mapper.js';
import { VoidPaymentCommand } from './void-payment.command.js';

@CommandHandler(VoidPaymentCommand)
export class VoidPaymentHandler implements ICommandHandler<VoidPaymentCommand> {
  constructor(
    private readonly payments: PaymentStore,
    private readonly gateway: PaymentGateway,
    private readonly options: PaymentsOptions,
  ) {}

  execute(command: VoidPaymentCommand): Promise<PaymentDto> {
    return this.payments.exclusive(command.orderId, () => this.run(command));
  }

  private async run(command: VoidPaymentCommand): Promise<PaymentDto> {
    const payment = await this.payments.find(command.orderId);
    if (!mustVoid(command.orderId, payment)) return toPaymentDto(command.orderId, payment);

    await callGateway('void', this.options.gatewayTimeoutMs, () =>
      this.gateway.void(`${command.orderId}:void`, payment.authorizationId!),
    );
    const voided = await this.payments.markVoided(command.orderId);
    if (voided.status !== 'VOIDED')
      throw new PaymentStateError(command.orderId, 'void', voided.status);
    return toPaymentDto(command.orderId, voided);
  }
}
