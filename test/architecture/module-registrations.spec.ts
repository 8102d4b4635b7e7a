import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Controller, Injectable, Module } from '@nestjs/common';
import { MODULES } from '#monolith/modules';
import { loadSourceFiles } from './module-boundaries.js';
import { findUnregistered, type Unregistered } from './module-registrations.js';

describe('the modules of this repository', () => {
  it('list every controller and every provider (handler, store, scheduler) they define', async () => {
    const unregistered: Unregistered[] = [];
    for (const declaration of MODULES) {
      const files = loadSourceFiles('.', [`libs/modules/${declaration.name}/src`]);
      expect(files.length).toBeGreaterThan(5);
      unregistered.push(...findUnregistered(files, await declaration.load()));
    }
    expect(unregistered).toEqual([]);
  });
});

describe('findUnregistered', () => {
  const file = {
    path: 'libs/modules/ledger/src/record-entry.ts',
    text: `
      @Roles('admin')
      @Controller('ledger/entries')
      export class RecordEntryHttpController {}

      @Injectable()
      export class RecordEntryHandler {}

      @Injectable()
      export class GetEntryHandler {}

      @Injectable()
      @Injectable()
      export class EntryRecordedHandler {}

      export class EntryClock {}
    `,
  };

  it('names a controller or provider its module does not list, once, and in which list it belongs', () => {
    @Module({ controllers: [], providers: [] })
    class LedgerModule {}
    expect(findUnregistered([file], LedgerModule)).toEqual([
      {
        file: file.path,
        className: 'RecordEntryHttpController',
        decorator: 'Controller',
        list: 'controllers',
      },
      {
        file: file.path,
        className: 'RecordEntryHandler',
        decorator: 'Injectable',
        list: 'providers',
      },
      {
        file: file.path,
        className: 'GetEntryHandler',
        decorator: 'Injectable',
        list: 'providers',
      },
      {
        file: file.path,
        className: 'EntryRecordedHandler',
        decorator: 'Injectable',
        list: 'providers',
      },
    ]);
  });

  it('accepts them listed, a provider also as the class behind a port', () => {
    @Controller()
    class RecordEntryHttpController {}
    @Injectable()
    class RecordEntryHandler {}
    @Injectable()
    class GetEntryHandler {}
    @Injectable()
    class EntryRecordedHandler {}
    @Module({
      controllers: [RecordEntryHttpController],
      providers: [
        RecordEntryHandler,
        { provide: 'entries', useClass: GetEntryHandler },
        EntryRecordedHandler,
      ],
    })
    class LedgerModule {}
    expect(findUnregistered([file], LedgerModule)).toEqual([]);
  });

  it('does not take a controller listed as a provider, or a provider as a controller', () => {
    @Controller()
    class RecordEntryHttpController {}
    @Injectable()
    class RecordEntryHandler {}
    @Module({ controllers: [RecordEntryHandler], providers: [RecordEntryHttpController] })
    class LedgerModule {}
    expect(
      findUnregistered([file], LedgerModule).map(({ className, list }) => `${className} ${list}`),
    ).toEqual([
      'RecordEntryHttpController controllers',
      'RecordEntryHandler providers',
      'GetEntryHandler providers',
      'EntryRecordedHandler providers',
    ]);
  });
});
