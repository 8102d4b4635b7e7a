import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { command, defineContract, query } from './contract.js';
import { Handles, type PatternHandlers } from './handles.decorator.js';

class LookupRequest {
  readonly id!: string;
}
class LookupResponse {
  readonly name!: string;
}
class Other {
  readonly count!: number;
}
const Directory = defineContract({
  module: 'directory',
  patterns: {
    'directory.lookup': query(LookupRequest, LookupResponse),
    'directory.forget': command(LookupRequest, Other),
  },
});

describe('@Handles', () => {
  it('registers the method for the contract pattern, typed by the contract', () => {
    class DirectoryController {
      @Handles(Directory, 'directory.lookup')
      lookup(request: LookupRequest): Promise<LookupResponse> {
        return Promise.resolve({ name: request.id });
      }

      // @ts-expect-error the contract's reply for directory.forget is Other, not LookupResponse
      @Handles(Directory, 'directory.forget')
      forget(request: LookupRequest): LookupResponse {
        return { name: request.id };
      }
    }
    const pattern = (method: keyof DirectoryController) =>
      Reflect.getMetadata(
        'microservices:pattern',
        DirectoryController.prototype[method],
      ) as unknown;
    expect(pattern('lookup')).toEqual(['directory.lookup']);
  });

  it('refuses a pattern the contract does not declare when the class is defined', () => {
    expect(() => {
      class Stray {
        @((Handles as (contract: unknown, pattern: string) => MethodDecorator)(
          Directory,
          'directory.rename',
        ))
        rename(): void {}
      }
      return Stray;
    }).toThrow('directory declares no pattern "directory.rename"');
  });

  it('with PatternHandlers, needs one method per pattern, named after it', () => {
    class DirectoryMessages implements PatternHandlers<typeof Directory> {
      @Handles(Directory, 'directory.lookup')
      lookup(request: LookupRequest): Promise<LookupResponse> {
        return Promise.resolve({ name: request.id });
      }

      @Handles(Directory, 'directory.forget')
      forget(): Promise<Other> {
        return Promise.resolve({ count: 1 });
      }
    }
    // @ts-expect-error directory.forget has no method
    class Forgetful implements PatternHandlers<typeof Directory> {
      lookup(request: LookupRequest): Promise<LookupResponse> {
        return Promise.resolve({ name: request.id });
      }
    }
    expect(Object.getOwnPropertyNames(DirectoryMessages.prototype)).toEqual([
      'constructor',
      'lookup',
      'forget',
    ]);
    expect(Object.getOwnPropertyNames(Forgetful.prototype)).toEqual(['constructor', 'lookup']);
  });
});
