import { MessagePattern } from '@nestjs/microservices';
import type { ModuleContract, RequestOf, ResponseOf } from './contract.js';

/**
 * Binds a message controller method to a request/reply pattern of its module's contract. The
 * pattern must be one the contract declares, and the method must take the contract's request
 * and answer with its response type: a mismatch fails the build, on the handling side as
 * `bus.to(Contract).send(...)` does on the calling side.
 *
 * @example
 * @Handles(Payments, 'payments.capture')
 * capture(@Payload() request: CapturePaymentRequest): Promise<PaymentDto> { … }
 */
export function Handles<
  Contract extends ModuleContract,
  Pattern extends keyof Contract['patterns'] & string,
>(contract: Contract, pattern: Pattern) {
  type Request = RequestOf<Contract['patterns'][Pattern]>;
  type Response = ResponseOf<Contract['patterns'][Pattern]>;
  return <Method extends (request: Request, ...context: never[]) => Response | Promise<Response>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Method>,
  ): void => {
    if (!(pattern in contract.patterns))
      throw new Error(`${contract.module} declares no pattern "${pattern}"`);
    MessagePattern(pattern)(target, key, descriptor);
  };
}
