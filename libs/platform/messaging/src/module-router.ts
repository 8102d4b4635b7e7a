import { Injectable } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, lastValueFrom, throwError, timeout } from 'rxjs';
import { InProcessClient } from './in-process/in-process.client.js';
import type { MessageRecord } from './message-packet.js';
import { isWireError, ModuleError } from './module-error.js';

/**
 * Decides which transport carries a message to a module. Callers never choose: moving a
 * module out of the process changes the router, not the calling code.
 */
export abstract class ModuleRouter {
  /** Request/reply to the module that owns `pattern`; rejects with the handler's error. */
  abstract request(
    target: string,
    pattern: string,
    record: MessageRecord,
    timeoutMs: number,
  ): Promise<unknown>;

  /**
   * Gives an event to every subscribing module: handled, when the subscriber runs here, or
   * queued for it. Settles when every subscriber has it; rejects with the first failure.
   */
  abstract publish(pattern: string, record: MessageRecord): Promise<void>;
}

/** Every module is hosted in this process: all messages take the in-process transport. */
@Injectable()
export class LocalModuleRouter extends ModuleRouter {
  constructor(private readonly inProcess: InProcessClient) {
    super();
  }

  request(_target: string, pattern: string, record: MessageRecord, timeoutMs: number) {
    return this.inProcess.request(pattern, record, timeoutMs);
  }

  publish(pattern: string, record: MessageRecord): Promise<void> {
    return settleAll(
      this.inProcess
        .subscribersOf(pattern)
        .map((subscriber) => this.inProcess.emit(pattern, record.for(subscriber))),
    );
  }
}

/**
 * One request through a Nest ClientProxy (the SQS transport), with a deadline; errors arrive as
 * ModuleErrors. In process, InProcessClient.request does the same without a ClientProxy.
 */
export async function requestThrough(
  client: ClientProxy,
  pattern: string,
  record: MessageRecord,
  timeoutMs: number,
): Promise<unknown> {
  const reply$ = client.send(pattern, record).pipe(
    timeout({
      first: timeoutMs,
      with: () => throwError(() => ModuleError.timeout(pattern, timeoutMs)),
    }),
  );
  try {
    return await firstValueFrom(reply$, { defaultValue: undefined });
  } catch (error) {
    throw isWireError(error) && !(error instanceof ModuleError)
      ? ModuleError.fromWire(error)
      : error;
  }
}

/** One event copy through a Nest ClientProxy; settles when the transport has it handled or queued. */
export async function emitThrough(
  client: ClientProxy,
  pattern: string,
  record: MessageRecord,
): Promise<void> {
  await lastValueFrom(client.emit(pattern, record), { defaultValue: undefined });
}

/** Waits for every delivery (none is cut short by another's failure), then rejects with the first failure. */
export async function settleAll(deliveries: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(deliveries);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}
