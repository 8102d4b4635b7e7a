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

/** `create-shipment` → `createShipment`. */
type CamelCase<Text extends string> = Text extends `${infer Head}-${infer Tail}`
  ? `${Head}${CamelCase<Capitalize<Tail>>}`
  : Text;

/**
 * The methods of a module's message controller, one per request/reply pattern of its contract:
 * named after the pattern without the module's prefix, in camelCase (`shipping.create-shipment`
 * → `createShipment`), taking the pattern's request and answering its response. A controller
 * that `implements PatternHandlers<typeof Shipping>` fails the build when a pattern has no
 * method; `@Handles` on each method binds it to its pattern.
 */
export type PatternHandlers<Contract extends ModuleContract> = {
  [
    Pattern in keyof Contract['patterns'] &
      string as Pattern extends `${Contract['module']}.${infer Action}` ? CamelCase<Action> : never
  ]: (
    request: RequestOf<Contract['patterns'][Pattern]>,
  ) => Promise<ResponseOf<Contract['patterns'][Pattern]>>;
};
