import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Ordering } from '#contracts/ordering';
import { Money } from '#platform/domain';
import { FeatureFlags } from '#platform/flags';
import { ModuleBus } from '#platform/messaging';
import type { PaymentDto } from '../../contract/index.js';
import { assertAuthorized, type Payment } from '../../domain/payment.js';
import { CardDeclined, PaymentGateway } from '../../domain/payment-gateway.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { AmountNotOrderTotalError, OrderNotPayableError } from '../../domain/payments.errors.js';
import { callGateway, PaymentsOptions } from '../../gateway-call.js';
import { toPaymentDto } from '../../payment-dto.mapper.js';
import { FraudCheck } from '../../payments.flags.js';
import { AuthorizePaymentCommand } from './authorize-payment.command.js';

@CommandHandler(AuthorizePaymentCommand)
export class AuthorizePaymentHandler implements ICommandHandler<AuthorizePaymentCommand> {
  constructor(
    private readonly payments: PaymentStore,
    private readonly gateway: PaymentGateway,
    private readonly options: PaymentsOptions,
    private readonly bus: ModuleBus,
    private readonly flags: FeatureFlags,
  ) {}

  execute(command: AuthorizePaymentCommand): Promise<PaymentDto> {
    const amount = Money.of(command.amount.amount, command.amount.currency);
    return this.payments.exclusive(command.orderId, () => this.run(command), amount);
  }

  private async run(command: AuthorizePaymentCommand): Promise<PaymentDto> {
    const amount = Money.of(command.amount.amount, command.amount.currency);
    const existing = await this.payments.find(command.orderId);
    if (existing) return this.answer(existing, amount);

    const { total, status } = await this.bus
      .to(Ordering)
      .send('ordering.get-order', { orderId: command.orderId });
    if (status !== 'PENDING') throw new OrderNotPayableError(command.orderId, status);
    if (!amount.equals(Money.of(total.amount, total.currency))) {
      throw new AmountNotOrderTotalError(command.orderId, total, amount.toJSON());
    }

    let outcome: { authorizationId: string } | { declineReason: CardDeclined['reason'] };
    if (this.suspectedFraud(amount)) {
      // Declined here, without asking the gateway; recorded like any decline, so repeats agree.
      return this.answer(
        await this.payments.recordAuthorization(command.orderId, amount, {
          declineReason: 'FRAUD_SUSPECTED',
        }),
        amount,
      );
    }
    try {
      outcome = await callGateway('authorize', this.options.gatewayTimeoutMs, () =>
        this.gateway.authorize(`${command.orderId}:authorize`, amount, command.cardToken),
      );
    } catch (error) {
      if (!(error instanceof CardDeclined)) throw error; // transient: nothing stored, a retry tries again
      outcome = { declineReason: error.reason };
    }
    return this.answer(
      await this.payments.recordAuthorization(command.orderId, amount, outcome),
      amount,
    );
  }

  /** The `fraud-check` flag: while on, amounts above its `maxOrderAmount` are declined. */
  private suspectedFraud(amount: Money): boolean {
    const check = this.flags.get(FraudCheck);
    return check.enabled && amount.amount > check.maxOrderAmount;
  }

  /** The stored first outcome answers every repeat of the command. */
  private answer(payment: Payment, requested: Money): PaymentDto {
    assertAuthorized(payment, requested);
    return toPaymentDto(payment.orderId, payment);
  }
}
