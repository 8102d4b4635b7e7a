import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Controller, Module, type Type } from '@nestjs/common';
import { EventPattern, MessagePattern } from '@nestjs/microservices';
import { command, defineContract, Handles, query } from '#platform/messaging';
import { defineModuleSchema } from '#platform/persistence';
import { defineModule } from './module-declaration.js';

class EntryRequest {
  readonly id!: string;
}
class EntryDto {
  readonly label!: string;
}
const Ledger = defineContract({
  module: 'ledger',
  patterns: {
    'ledger.record': command(EntryRequest, EntryDto),
    'ledger.get': query(EntryRequest, EntryDto),
  },
});

@Controller()
class RecordController {
  @Handles(Ledger, 'ledger.record')
  record(request: EntryRequest): EntryDto {
    return { label: request.id };
  }
}

@Controller()
class GetController {
  @Handles(Ledger, 'ledger.get')
  get(request: EntryRequest): EntryDto {
    return { label: request.id };
  }

  // Events are checked against `subscribes`, not against the contract's patterns.
  @EventPattern('catalog.product-changed', { subscriber: 'ledger' })
  onProductChanged(event: object): object {
    return event;
  }
}

@Controller()
class StrayController {
  @MessagePattern('ledger.rename')
  rename(request: object): object {
    return request;
  }
}

/** The declaration of a module "ledger" whose Nest module lists `controllers`. */
function ledger(controllers: Type[], withContract = true) {
  @Module({ controllers })
  class LedgerModule {}
  return defineModule({
    name: 'ledger',
    schema: defineModuleSchema({ module: 'ledger', migrations: [] }),
    contract: withContract ? Ledger : undefined,
    subscribes: [{ pattern: 'catalog.product-changed' } as never],
    load: () => Promise.resolve(LedgerModule),
  });
}

describe('loading a module checks its controllers against its contract', () => {
  it('loads a module whose controllers answer each pattern of its contract once', async () => {
    await expect(ledger([RecordController, GetController]).load()).resolves.toBeDefined();
  });

  it('refuses a module missing the controller of a pattern, saying what to add', async () => {
    await expect(ledger([GetController]).load()).rejects.toThrow(
      `Module "ledger" does not answer its contract: ledger.record has no handler: ` +
        `add its controller (a method with @Handles(<contract>, 'ledger.record')) to LedgerModule's controllers`,
    );
  });

  it('refuses a controller handling a pattern the contract lacks', async () => {
    await expect(ledger([RecordController, GetController, StrayController]).load()).rejects.toThrow(
      `StrayController.rename handles ledger.rename, which the ledger contract does not declare: ` +
        `declare it in the contract or remove the handler from LedgerModule's controllers`,
    );
  });

  it('refuses a pattern answered twice, naming both handlers', async () => {
    @Controller()
    class SecondRecordController {
      @Handles(Ledger, 'ledger.record')
      recordAgain(request: EntryRequest): EntryDto {
        return { label: request.id };
      }
    }
    await expect(
      ledger([RecordController, GetController, SecondRecordController]).load(),
    ).rejects.toThrow(
      'ledger.record has 2 handlers (RecordController.record, SecondRecordController.recordAgain): keep one',
    );
  });

  it('refuses a request handler in a module without a contract', async () => {
    const withoutContract = ledger([RecordController, GetController], false);
    await expect(withoutContract.load()).rejects.toThrow(
      'RecordController.record handles ledger.record, which no contract declares',
    );
  });
});
