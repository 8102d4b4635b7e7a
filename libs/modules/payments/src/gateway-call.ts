import { EnvReader } from '#platform/config';
import { GatewayTransientFailure } from './domain/payment-gateway.js';
import {
  PaymentGatewayTimeoutError,
  PaymentGatewayUnavailableError,
} from './domain/payments.errors.js';

export class PaymentsOptions {
  constructor(
    /** How long a gateway call may take before it counts as a (transient) timeout. */
    readonly gatewayTimeoutMs = 3000,
  ) {}

  static fromEnv(env: Readonly<Record<string, string | undefined>>): PaymentsOptions {
    const read = new EnvReader(env);
    return new PaymentsOptions(
      read.integer('SEAM_PAYMENT_GATEWAY_TIMEOUT_MS', { default: 3000, min: 1, max: 60_000 }),
    );
  }
}

/** Runs one gateway call with a deadline, turning gateway trouble into transient domain errors. */
export async function callGateway<T>(
  operation: string,
  timeoutMs: number,
  call: () => Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PaymentGatewayTimeoutError(operation, timeoutMs)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([call(), deadline]);
  } catch (error) {
    if (error instanceof GatewayTransientFailure)
      throw new PaymentGatewayUnavailableError(operation);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
