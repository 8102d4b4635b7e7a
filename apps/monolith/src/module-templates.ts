/**
 * The files of a new module (`npm run module:new <name>`), in the shape of the existing ones: a
 * declaration, a schema and its migration, a contract with one command, one HTTP query, a
 * Postgres store behind a domain port, and a domain unit test. The example concept, an
 * "entry" with a label, is there to be renamed into the module's first real one.
 */
export interface ModuleNames {
  /** The module name: `loyalty`. */
  readonly name: string;
  /** `Loyalty`: the contract, `LoyaltyModule`, `LoyaltySchema`, `LoyaltyDeclaration`. */
  readonly pascal: string;
  /** Milliseconds since the epoch: the migration's version. */
  readonly version: number;
}

/** Repository-relative path → content. */
export function moduleFiles({ name, pascal, version }: ModuleNames): Record<string, string> {
  const src = `libs/modules/${name}/src`;
  return {
    [`${src}/index.ts`]: `import { ${pascal} } from './contract/index.js';
import { defineModule } from '#platform/runtime';
import { ${pascal}Schema } from './${name}.schema.js';

/** The ${name} module as the rest of the system knows it; its code loads only where it is hosted. */
export const ${pascal}Declaration = defineModule({
  name: '${name}',
  schema: ${pascal}Schema,
  contract: ${pascal},
  subscribes: [],
  load: async () => (await import('./${name}.module.js')).${pascal}Module,
});

export { ${pascal}Schema };
`,
    [`${src}/${name}.schema.ts`]: `import { ${pascal}Migrations } from '#migrations/${name}';
import { defineModuleSchema } from '#platform/persistence';

export const ${pascal}Schema = defineModuleSchema({
  module: '${name}',
  migrations: ${pascal}Migrations,
});
`,
    [`${src}/${name}.module.ts`]: `import { Module } from '@nestjs/common';
import { MessagingModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { RecordEntryHandler } from './commands/record-entry/record-entry.handler.js';
import { EntryStore } from './domain/entry.js';
import { PostgresEntryStore } from './infrastructure/postgres-entry-store.js';
import { ${pascal}Messages } from './${name}.messages.js';
import { ${pascal}Schema } from './${name}.schema.js';
import { GetEntryHandler } from './queries/get-entry/get-entry.handler.js';
import { GetEntryHttpController } from './queries/get-entry/get-entry.http.controller.js';

/** Entries with a label. Public surface: \`contract/\`. */
@Module({
  imports: [MessagingModule.forModule('${name}'), PersistenceModule.forModule(${pascal}Schema)],
  // Loading the module checks that these controllers answer each pattern of the contract.
  controllers: [${pascal}Messages, GetEntryHttpController],
  providers: [
    { provide: EntryStore, useClass: PostgresEntryStore },
    RecordEntryHandler,
    GetEntryHandler,
  ],
})
export class ${pascal}Module {}
`,
    [`${src}/${name}.messages.ts`]: `import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles, type PatternHandlers } from '#platform/messaging';
import { RecordEntryHandler } from './commands/record-entry/record-entry.handler.js';
import { ${pascal}, type EntryDto, RecordEntryRequest } from './contract/index.js';

/** The ${name} contract's request/reply patterns, each answered by its use case. */
@Controller()
export class ${pascal}Messages implements PatternHandlers<typeof ${pascal}> {
  constructor(private readonly recordEntryHandler: RecordEntryHandler) {}

  @Handles(${pascal}, '${name}.record-entry')
  recordEntry(@Payload() request: RecordEntryRequest): Promise<EntryDto> {
    return this.recordEntryHandler.execute(request);
  }
}
`,
    [`${src}/contract/index.ts`]: `export { ${pascal} } from './${name}.contract.js';
export { ENTRY_ID_PATTERN, EntryDto, EntryIdRequest, RecordEntryRequest } from './${name}.dto.js';
`,
    [`${src}/contract/${name}.contract.ts`]: `import { command, defineContract } from '#platform/messaging';
import { EntryDto, RecordEntryRequest } from './${name}.dto.js';

/**
 * The ${name} module's public surface.
 *
 * - \`${name}.record-entry\`: records an entry; idempotent per id (a repeat answers the stored entry).
 */
export const ${pascal} = defineContract({
  module: '${name}',
  patterns: {
    '${name}.record-entry': command(RecordEntryRequest, EntryDto),
  },
});
`,
    [`${src}/contract/${name}.dto.ts`]: `import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** An entry id: 1-64 letters, digits, - or _. */
export const ENTRY_ID_PATTERN = /^[\\w-]{1,64}$/;

export class EntryIdRequest {
  @ApiProperty({ example: 'e-1', description: 'The entry id: 1-64 letters, digits, - or _' })
  @Matches(ENTRY_ID_PATTERN, { message: 'id must be 1-64 letters, digits, - or _' })
  id!: string;
}

export class RecordEntryRequest extends EntryIdRequest {
  @ApiProperty({ example: 'First entry', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  label!: string;
}

export class EntryDto {
  @ApiProperty({ example: 'e-1' }) id!: string;
  @ApiProperty({ example: 'First entry' }) label!: string;
  @ApiProperty({ example: '2026-12-01T10:00:00.000Z' }) recordedAt!: string;
}
`,
    [`${src}/domain/entry.ts`]: `import { BlankEntryLabelError } from './${name}.errors.js';

export interface Entry {
  readonly id: string;
  readonly label: string;
  readonly recordedAt: Date;
}

/** A new entry, its label trimmed. @throws BlankEntryLabelError */
export function recordEntry(id: string, label: string, at: Date): Entry {
  const trimmed = label.trim();
  if (trimmed.length === 0) throw new BlankEntryLabelError(id);
  return { id, label: trimmed, recordedAt: at };
}

/** Port: entries. \`record\` stores an entry once per id; a repeat returns the stored one. */
export abstract class EntryStore {
  abstract record(entry: Entry): Promise<Entry>;
  abstract find(id: string): Promise<Entry | undefined>;
}
`,
    [`${src}/domain/${name}.errors.ts`]: `import { NotFoundError, RuleViolationError } from '#platform/domain';

export class EntryNotFoundError extends NotFoundError {
  readonly code = 'ENTRY_NOT_FOUND';

  constructor(id: string) {
    super(\`No entry with id \${id}\`, { id });
  }
}

export class BlankEntryLabelError extends RuleViolationError {
  readonly code = 'BLANK_ENTRY_LABEL';

  constructor(id: string) {
    super('An entry needs a label that is not only spaces', { id });
  }
}
`,
    [`${src}/domain/entry.spec.ts`]: `import { describe, expect, it } from '@jest/globals';
import { recordEntry } from './entry.js';
import { BlankEntryLabelError } from './${name}.errors.js';

describe('recordEntry', () => {
  const at = new Date('2026-12-01T10:00:00.000Z');

  it('trims the label and stamps the time', () => {
    expect(recordEntry('e-1', '  First entry ', at)).toEqual({
      id: 'e-1',
      label: 'First entry',
      recordedAt: at,
    });
  });

  it('refuses a label of only spaces', () => {
    expect(() => recordEntry('e-1', '   ', at)).toThrow(BlankEntryLabelError);
  });
});
`,
    [`${src}/entry-dto.mapper.ts`]: `import type { EntryDto } from './contract/index.js';
import type { Entry } from './domain/entry.js';

export function toEntryDto(entry: Entry): EntryDto {
  return { id: entry.id, label: entry.label, recordedAt: entry.recordedAt.toISOString() };
}
`,
    [`${src}/infrastructure/postgres-entry-store.ts`]: `import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf, sql } from '#platform/persistence';
import { EntryStore, type Entry } from '../domain/entry.js';

interface EntryRow {
  id: string;
  label: string;
  recorded_at: Date;
}

@Injectable()
export class PostgresEntryStore extends EntryStore {
  constructor(@InjectDataSource('${name}') private readonly db: DataSource) {
    super();
  }

  async record(entry: Entry): Promise<Entry> {
    // One statement: a repeat (the id is taken) writes nothing and answers the stored entry.
    const [row] = await rowsOf<EntryRow>(
      this.db,
      sql\`WITH created AS (
            INSERT INTO ${name}.entries (id, label, recorded_at)
            VALUES (\${entry.id}, \${entry.label}, \${entry.recordedAt}::timestamptz)
            ON CONFLICT (id) DO NOTHING RETURNING id, label, recorded_at)
          SELECT id, label, recorded_at FROM created
          UNION ALL SELECT id, label, recorded_at FROM ${name}.entries WHERE id = \${entry.id}
          LIMIT 1\`,
    );
    if (row) return toEntry(row);
    // A concurrent first recording committed after this statement began: it is there now.
    return (await this.find(entry.id))!;
  }

  async find(id: string): Promise<Entry | undefined> {
    const [row] = await rowsOf<EntryRow>(
      this.db,
      sql\`SELECT id, label, recorded_at FROM ${name}.entries WHERE id = \${id}\`,
    );
    return row ? toEntry(row) : undefined;
  }
}

function toEntry(row: EntryRow): Entry {
  return { id: row.id, label: row.label, recordedAt: row.recorded_at };
}
`,
    [`${src}/commands/record-entry/record-entry.handler.ts`]: `import { Injectable } from '@nestjs/common';
import type { EntryDto, RecordEntryRequest } from '../../contract/index.js';
import { EntryStore, recordEntry } from '../../domain/entry.js';
import { toEntryDto } from '../../entry-dto.mapper.js';

/** Idempotent per id: a repeat answers the stored entry. */
@Injectable()
export class RecordEntryHandler {
  constructor(private readonly entries: EntryStore) {}

  async execute(request: RecordEntryRequest): Promise<EntryDto> {
    const entry = recordEntry(request.id, request.label, new Date());
    return toEntryDto(await this.entries.record(entry));
  }
}
`,
    [`${src}/queries/get-entry/get-entry.handler.ts`]: `import { Injectable } from '@nestjs/common';
import type { EntryDto } from '../../contract/index.js';
import { EntryStore } from '../../domain/entry.js';
import { EntryNotFoundError } from '../../domain/${name}.errors.js';
import { toEntryDto } from '../../entry-dto.mapper.js';

@Injectable()
export class GetEntryHandler {
  constructor(private readonly entries: EntryStore) {}

  async execute(id: string): Promise<EntryDto> {
    const entry = await this.entries.find(id);
    if (!entry) throw new EntryNotFoundError(id);
    return toEntryDto(entry);
  }
}
`,
    [`${src}/queries/get-entry/get-entry.http.controller.ts`]: `import { Roles } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { EntryDto, EntryIdRequest } from '../../contract/index.js';
import { GetEntryHandler } from './get-entry.handler.js';

@ApiTags('${name}')
@Roles('admin')
@Controller('${name}/entries')
export class GetEntryHttpController {
  constructor(private readonly getEntry: GetEntryHandler) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get an entry' })
  @ApiParam({
    name: 'id',
    description: 'The entry id: 1-64 letters, digits, - or _',
    example: 'e-1',
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiNotFoundResponse({ description: 'No entry with this id (ENTRY_NOT_FOUND)' })
  @ApiOkResponse({ type: EntryDto })
  get(@Param() params: EntryIdRequest): Promise<EntryDto> {
    return this.getEntry.execute(params.id);
  }
}
`,
    [`migrations/${name}/${version}-create-entries.ts`]: `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEntries${version} implements MigrationInterface {
  name = 'CreateEntries${version}';

  async up(db: QueryRunner): Promise<void> {
    await db.query(\`
      CREATE TABLE ${name}.entries (
        id          text        PRIMARY KEY,
        label       text        NOT NULL,
        recorded_at timestamptz NOT NULL
      )\`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(\`DROP TABLE ${name}.entries\`);
  }
}
`,
    [`migrations/${name}/index.ts`]: `import { createAdminAuditMigration } from '#platform/persistence';
import { CreateEntries${version} } from './${version}-create-entries.js';

/** The ${name} schema's migrations, oldest first; the audit log of operator actions after the first. */
export const ${pascal}Migrations = [
  CreateEntries${version},
  createAdminAuditMigration('${name}', ${version} + 1),
];
`,
  };
}
