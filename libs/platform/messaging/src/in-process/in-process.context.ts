import { BaseRpcContext } from '@nestjs/microservices';
import type { MessageHeaders } from '../message-packet.js';

type InProcessContextArgs = [pattern: string, headers: MessageHeaders];

/** Available to handlers through `@Ctx()`: the pattern and the headers of the message. */
export class InProcessContext extends BaseRpcContext<InProcessContextArgs> {
  getPattern(): string {
    return this.args[0];
  }

  getHeaders(): MessageHeaders {
    return this.args[1];
  }
}
