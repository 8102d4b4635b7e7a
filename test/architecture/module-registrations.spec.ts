import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Controller, Injectable, Module } from '@nestjs/common';
import { MODULES } from '#monolith/modules';
import { loadSourceFiles } from './module-boundaries.js';
import { findUnregistered } from './module-registrations.js';

describe('the modules of this repository', () => {
  it('list every controller and every command, query and event handler they define', async () => {
    for (const declaration of MODULES) {
      const files = loadSourceFiles('.', [`libs/modules/${declaration.name}/src`]);
      expect(files.length).toBeGreaterThan(5);
      expect(findUnregistered(files, await declaration.load())).toEqual([]);
    }
  });
});

describe('findUnregistered', () => {
  const file = {
    path: 'libs/modules/ledger/src/record-entry.ts',
    text: `
      @Roles('admin')
      @Controller('ledger/entries')
      export class RecordEntryHttpController {}

      @CommandHandler(RecordEntryCommand)
      export class RecordEntryHandler {}

      @QueryHandler(GetEntryQuery)
      export class GetEntryHandler {}

      @Injectable()
      export class EntryClock {}
    `,
  };

  it('names a controller or handler its module does not list, and in which list it belongs', () => {
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
        decorator: 'CommandHandler',
        list: 'providers',
      },
      {
        file: file.path,
        className: 'GetEntryHandler',
        decorator: 'QueryHandler',
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
    @Module({
      controllers: [RecordEntryHttpController],
      providers: [RecordEntryHandler, { provide: 'entries', useClass: GetEntryHandler }],
    })
    class LedgerModule {}
    expect(findUnregistered([file], LedgerModule)).toEqual([]);
  });
});
