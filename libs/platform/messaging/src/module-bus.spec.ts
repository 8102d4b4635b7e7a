import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Catch,
  Controller,
  Injectable,
  Module,
  type ArgumentsHost,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
  type NestInterceptor,
  type RpcExceptionFilter,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { IsArray, IsInt, IsISO8601, IsString, Min } from 'class-validator';
import { map, throwError, type Observable } from 'rxjs';
import { AccessDeniedError, ConflictError, DomainError } from '#platform/domain';
import {
  createRootLogger,
  CorrelationContext,
  LoggingModule,
  MetricsModule,
} from '#platform/observability';
import { createSeamApplication } from '#platform/runtime';
import { command, defineContract, query } from './contract.js';
import { InProcessContext } from './in-process/in-process.context.js';
import { ModuleBus } from './module-bus.js';
import { ModuleError, toWireError } from './module-error.js';
import { MessagingModule, MessagingOptions } from './messaging.module.js';

// ---- a small module with a contract, served by ordinary Nest message controllers

class ShoutRequest {
  @IsString()
  text!: string;

  @IsISO8601()
  sentAt!: string;
}

class ShoutResponse {
  text!: string;
  sentAtType!: string;
  caller!: string;
  correlationId!: string;
  intercepted?: boolean;
}

class WaitRequest {
  @IsInt()
  @Min(0)
  ms!: number;
}

class Empty {}

class ListRequest {
  @IsArray()
  @IsString({ each: true })
  items!: string[];
}

class ListResponse {
  items!: string[];
}

class EchoHappened {
  static readonly pattern = 'echo.happened';

  @IsString()
  readonly id: string;

  constructor(id: string) {
    this.id = id;
  }
}

const Echo = defineContract({
  module: 'echo',
  patterns: {
    'echo.shout': query(ShoutRequest, ShoutResponse),
    'echo.wait': query(WaitRequest, Empty),
    'echo.refuse': command(Empty, Empty),
    'echo.crash': command(Empty, Empty),
    'echo.hang': query(Empty, Empty),
    'echo.guarded': query(ListRequest, ListResponse),
    'echo.translated': command(Empty, Empty),
    'echo.keep': command(ListRequest, ListResponse),
    'echo.unserialisable': query(Empty, Empty),
  },
  events: [EchoHappened],
});

class AlreadyShoutedError extends ConflictError {
  readonly code = 'ALREADY_SHOUTED';
}

@Injectable()
class MarkInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((reply) => ({ ...(reply as object), intercepted: true })));
  }
}

class NotOnTheListError extends AccessDeniedError {
  readonly code = 'NOT_ON_THE_LIST';
}

class LegacyStoreError extends Error {}

class StoreUnavailableError extends DomainError {
  readonly code = 'STORE_UNAVAILABLE';
}

/** A method guard: lets a list through only if it does not name "intruder". */
@Injectable()
class GuestListGuard implements CanActivate {
  static checked = 0;

  canActivate(context: ExecutionContext): boolean {
    GuestListGuard.checked++;
    const { items } = context.switchToRpc().getData<ListRequest>();
    if (items.includes('intruder')) throw new NotOnTheListError('Not on the list', { items });
    return true;
  }
}

/** A method exception filter: turns a legacy error into a domain error. */
@Catch(LegacyStoreError)
class LegacyStoreFilter implements RpcExceptionFilter<LegacyStoreError> {
  catch(error: LegacyStoreError, _host: ArgumentsHost): Observable<never> {
    return throwError(() => toWireError(new StoreUnavailableError(error.message, { retry: true })));
  }
}

const received: string[] = [];
/** What the callee of echo.keep received and answered, kept after the call. */
const kept: { request?: ListRequest; reply?: ListResponse } = {};

@Controller()
class EchoMessageController {
  @MessagePattern('echo.shout')
  @UseInterceptors(MarkInterceptor)
  shout(@Payload() request: ShoutRequest, @Ctx() context: InProcessContext): ShoutResponse {
    return {
      text: request.text.toUpperCase(),
      sentAtType: typeof request.sentAt,
      caller: context.getHeaders().caller,
      correlationId: CorrelationContext.current()?.correlationId ?? 'none',
    };
  }

  @MessagePattern('echo.wait')
  async wait(@Payload() request: WaitRequest): Promise<Empty> {
    await new Promise((resolve) => setTimeout(resolve, request.ms));
    return {};
  }

  @MessagePattern('echo.refuse')
  refuse(): never {
    throw new AlreadyShoutedError('Already shouted today', { limit: 1 });
  }

  @MessagePattern('echo.crash')
  crash(): never {
    throw new Error('secret internal detail');
  }

  @MessagePattern('echo.hang')
  hang(): Promise<Empty> {
    return new Promise(() => undefined);
  }

  @MessagePattern('echo.guarded')
  @UseGuards(GuestListGuard)
  guarded(@Payload() request: ListRequest): ListResponse {
    return { items: request.items };
  }

  @MessagePattern('echo.translated')
  @UseFilters(LegacyStoreFilter)
  translated(): never {
    throw new LegacyStoreError('The legacy store is down');
  }

  @MessagePattern('echo.keep')
  keep(@Payload() request: ListRequest): ListResponse {
    kept.request = request;
    request.items.push('added by the callee');
    kept.reply = { items: ['kept'] };
    return kept.reply;
  }

  @MessagePattern('echo.unserialisable')
  unserialisable(): unknown {
    return { big: BigInt(1) };
  }

  @EventPattern('echo.happened', { subscriber: 'echo' })
  async record(@Payload() event: EchoHappened): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    received.push(`first:${event.id}`);
  }
}

@Controller()
class EchoAuditController {
  @EventPattern('echo.happened', { subscriber: 'echo' })
  audit(@Payload() event: EchoHappened): void {
    if (event.id === 'poison') throw new Error('audit store unavailable');
    received.push(`second:${event.id}`);
  }
}

@Module({
  imports: [MessagingModule.forModule('echo')],
  controllers: [EchoMessageController, EchoAuditController],
  providers: [MarkInterceptor, GuestListGuard],
})
class EchoModule {}

@Module({
  imports: [MessagingModule.forModule('tester')],
  providers: [],
  exports: [MessagingModule],
})
class TesterModule {}

describe('ModuleBus over the in-process transport', () => {
  let app: INestApplication;
  let bus: ModuleBus;

  beforeAll(async () => {
    @Module({
      imports: [
        LoggingModule.forRoot(createRootLogger({ level: 'silent', service: 'test' })),
        MetricsModule.forRoot(),
        MessagingModule.forRoot(new MessagingOptions(1000)),
        EchoModule,
        TesterModule,
      ],
    })
    class RootModule {}
    app = await createSeamApplication(RootModule, { title: 'bus test' });
    bus = app.select(TesterModule).get(ModuleBus);
  });

  afterAll(async () => {
    await app.close();
  });

  it('returns the typed reply of the handler, with Nest interceptors applied', async () => {
    const reply = await bus
      .to(Echo)
      .send('echo.shout', { text: 'hello', sentAt: '2026-11-21T10:00:00.000Z' });
    expect(reply).toMatchObject({ text: 'HELLO', intercepted: true });
  });

  it('passes requests through JSON, so a Date arrives as an ISO string', async () => {
    const sentAt = new Date('2026-11-21T10:00:00.000Z') as unknown as string;
    const reply = await bus.to(Echo).send('echo.shout', { text: 'x', sentAt });
    expect(reply.sentAtType).toBe('string');
  });

  it('carries the caller module and the current correlation id to the handler', async () => {
    const reply = await CorrelationContext.run({ correlationId: 'corr-42' }, () =>
      bus.to(Echo).send('echo.shout', { text: 'x', sentAt: '2026-11-21T10:00:00.000Z' }),
    );
    expect(reply).toMatchObject({ caller: 'tester', correlationId: 'corr-42' });
  });

  it('rejects an invalid request at the receiving side, naming the field', async () => {
    const error = await bus
      .to(Echo)
      .send('echo.shout', { text: 42 as unknown as string, sentAt: 'yesterday' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleError);
    expect(error).toMatchObject({ name: 'ValidationFailedError', code: 'VALIDATION_FAILED' });
    const fields = ((error as ModuleError).details.violations as { field: string }[]).map(
      (v) => v.field,
    );
    expect(fields.sort()).toEqual(['sentAt', 'text']);
  });

  it('delivers a domain error by name, code, message and details', async () => {
    const error = await bus
      .to(Echo)
      .send('echo.refuse', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleError);
    expect((error as ModuleError).toWire()).toEqual({
      name: 'AlreadyShoutedError',
      code: 'ALREADY_SHOUTED',
      message: 'Already shouted today',
      details: { limit: 1 },
    });
  });

  it('reduces an unexpected handler failure to INTERNAL without leaking its message', async () => {
    const error = await bus
      .to(Echo)
      .send('echo.crash', {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InternalError', code: 'INTERNAL' });
    expect((error as Error).message).not.toContain('secret');
  });

  it('fails with PATTERN_NOT_FOUND naming a pattern nobody handles', async () => {
    const Ghost = defineContract({
      module: 'ghost',
      patterns: { 'ghost.boo': query(Empty, Empty) },
    });
    const error = await bus
      .to(Ghost)
      .send('ghost.boo', {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PATTERN_NOT_FOUND', details: { pattern: 'ghost.boo' } });
    expect((error as Error).message).toContain('"ghost.boo"');
  });

  it('gives up after the call timeout with MODULE_TIMEOUT', async () => {
    const error = await bus
      .to(Echo)
      .send('echo.wait', { ms: 300 }, { timeoutMs: 50 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'MODULE_TIMEOUT',
      details: { pattern: 'echo.wait', timeoutMs: 50 },
    });
  });

  it('still times out a handler that never answers', async () => {
    const error = await bus
      .to(Echo)
      .send('echo.hang', {}, { timeoutMs: 30 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MODULE_TIMEOUT', details: { pattern: 'echo.hang' } });
  });

  it('answers calls that finish in time while another call with the same timeout hangs', async () => {
    const hung = bus.to(Echo).send('echo.hang', {}, { timeoutMs: 200 });
    const quick = await bus
      .to(Echo)
      .send('echo.shout', { text: 'x', sentAt: '2026-11-21T10:00:00.000Z' }, { timeoutMs: 200 });
    expect(quick.text).toBe('X');
    await expect(hung).rejects.toMatchObject({ code: 'MODULE_TIMEOUT' });
  });

  it('runs the guards of a message handler, and delivers their refusal', async () => {
    const before = GuestListGuard.checked;
    await expect(bus.to(Echo).send('echo.guarded', { items: ['ann'] })).resolves.toEqual({
      items: ['ann'],
    });
    const error = await bus
      .to(Echo)
      .send('echo.guarded', { items: ['ann', 'intruder'] })
      .catch((e: unknown) => e);
    expect(GuestListGuard.checked).toBe(before + 2);
    expect(error).toBeInstanceOf(ModuleError);
    expect(error).toMatchObject({ name: 'NotOnTheListError', code: 'NOT_ON_THE_LIST' });
  });

  it('runs the exception filters of a message handler', async () => {
    const error = await bus
      .to(Echo)
      .send('echo.translated', {})
      .catch((e: unknown) => e);
    expect((error as ModuleError).toWire()).toEqual({
      name: 'StoreUnavailableError',
      code: 'STORE_UNAVAILABLE',
      message: 'The legacy store is down',
      details: { retry: true },
    });
  });

  it('gives the callee a copy of the request and the caller a copy of the reply', async () => {
    const request = { items: ['mine'] };
    const reply = await bus.to(Echo).send('echo.keep', request);
    expect(request.items).toEqual(['mine']);
    expect(kept.request?.items).toEqual(['mine', 'added by the callee']);
    expect(kept.request).toBeInstanceOf(ListRequest);
    reply.items.push('added by the caller');
    expect(kept.reply?.items).toEqual(['kept']);
  });

  it('reports a reply that is not JSON as INTERNAL instead of leaving the caller waiting', async () => {
    const error = await bus
      .to(Echo)
      .send('echo.unserialisable', {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InternalError', code: 'INTERNAL' });
  });

  it('settles publish only after every subscriber has handled the event', async () => {
    await bus.publish(new EchoHappened('e1'));
    expect(received).toEqual(expect.arrayContaining(['first:e1', 'second:e1']));
  });

  it('rejects publish when a subscriber fails, so the event is not lost', async () => {
    await expect(bus.publish(new EchoHappened('poison'))).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });

  it('validates events at the receiving side like requests', async () => {
    const malformed = new EchoHappened(7 as unknown as string);
    await expect(bus.publish(malformed)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses to publish an object that is not a contract event', async () => {
    await expect(bus.publish({ id: 'x' })).rejects.toThrow(/no static "pattern"/);
  });
});

describe('defineContract', () => {
  it('rejects a pattern that does not start with the module name', () => {
    expect(() =>
      defineContract({ module: 'echo', patterns: { 'other.thing': query(Empty, Empty) } }),
    ).toThrow(/"other.thing".*must start with "echo."/);
  });
});
