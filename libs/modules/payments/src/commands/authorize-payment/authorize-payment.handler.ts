import { Injectable } from '@nestjs/common';
import { Ordering } from '#contracts/ordering';
import { Money } from '#platform/domain';
import { FeatureFlags } from '#platform/flags';
import { ModuleBus } from '#platform/messaging';
import type { AuthorizePaymentRequest, PaymentDto } from '../../contract/index.js';
import { assertAuthorized, type Payment } from '../../domain/payment.js';
import { CardDeclined, PaymentGateway } from '../../domain/payment-gateway.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { AmountNotOrderTotalError, OrderNotPayableError } from '../../domain/payments.errors.js';
import { callGateway, PaymentsOptions } from '../../gateway-call.js';
import { toPaymentDto } from '../../payment-dto.mapper.js';
import { FraudCheck } from '../../payments.flags.js';

@Injectable()
export class AuthorizePaymentHandler {
  constructor(
    private readonly payments: PaymentStore,
    private readonly gateway: PaymentGateway,
    private readonly options: PaymentsOptions,
    private readonly bus: ModuleBus,
    private readonly flags: FeatureFlags,
  ) {}

  execute(request: AuthorizePaymentRequest): Promise<PaymentDto> {
    const amount = Money.of(request.amount.amount, request.amount.currency);
    return this.payments.exclusive(request.orderId, () => this.run(request, amount), amount);
  }

  private async run(request: AuthorizePaymentRequest, amount: Money): Promise<PaymentDto> {
    const existing = await this.payments.find(request.orderId);
    if (existing) return this.answer(existing, amount);

    const { total, status } = await this.bus
      .to(Ordering)
      .send('ordering.get-order', { orderId: request.orderId });
    if (status !== 'PENDING') throw new OrderNotPayableError(request.orderId, status);
    const orderTotal = Money.of(total.amount, total.currency);
    if (!amount.equals(orderTotal))
      throw new AmountNotOrderTotalError(request.orderId, orderTotal, amount);

    const outcome = await this.authorize(request, amount);
    return this.answer(
      await this.payments.recordAuthorization(request.orderId, amount, outcome),
      amount,
    );
  }

  /**
   * The gateway's answer, a decline included (stored like any outcome, so repeats agree). While
   * the `fraud-check` flag is on, amounts above its `maxOrderAmount` are declined here.
   */
  private async authorize(
    request: AuthorizePaymentRequest,
    amount: Money,
  ): Promise<{ authorizationId: string } | { declineReason: CardDeclined['reason'] }> {
    const fraudCheck = this.flags.get(FraudCheck);
    if (fraudCheck.enabled && amount.amount > fraudCheck.maxOrderAmount)
      return { declineReason: 'FRAUD_SUSPECTED' };
    try {
      return await callGateway('authorize', this.options.gatewayTimeoutMs, () =>
        this.gateway.authorize(`${request.orderId}:authorize`, amount, request.cardToken),
      );
    } catch (error) {
      if (!(error instanceof CardDeclined)) throw error; // transient: nothing stored, a retry tries again
      return { declineReason: error.reason };
    }
  }

  /** The stored first outcome answers every repeat of the command. */
  private answer(payment: Payment, requested: Money): PaymentDto {
    assertAuthorized(payment, requested);
    return toPaymentDto(payment.orderId, payment);
  }
}
