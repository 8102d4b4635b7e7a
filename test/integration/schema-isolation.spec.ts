import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CatalogSchema } from '#modules/catalog';
import { createRootLogger } from '#platform/observability';
import { defineModuleSchema, SchemaMigrator, type ModuleSchema } from '#platform/persistence';
import { testDatabase } from '../support/test-database.js';

const INSUFFICIENT_PRIVILEGE = '42501';
const logger = createRootLogger({ level: 'silent', service: 'test' });

/** A throw-away module with one table, under a fresh name so runs never collide. */
function probeSchema(): ModuleSchema {
  const module = `probe_${Math.random().toString(36).slice(2, 10)}`;
  class CreateSecrets1763712000000 implements MigrationInterface {
    name = 'CreateSecrets1763712000000';
    async up(db: QueryRunner): Promise<void> {
      await db.query(`CREATE TABLE ${module}.secrets (id int PRIMARY KEY, value text NOT NULL)`);
      await db.query(`INSERT INTO ${module}.secrets VALUES (1, 'hidden')`);
    }
    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE ${module}.secrets`);
    }
  }
  return defineModuleSchema({ module, migrations: [CreateSecrets1763712000000] });
}

async function asRole<T>(
  schema: ModuleSchema,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabase().urlFor(schema).href });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: { code?: string }) => error.code,
  );

describe('module schemas and roles', () => {
  it("lets a module's role read its own tables", async () => {
    const { rows } = await asRole(CatalogSchema, (db) =>
      db.query('SELECT count(*) FROM catalog.products'),
    );
    expect(rows).toHaveLength(1);
  });

  it("denies one module's role any access to another module's tables", async () => {
    const probe = probeSchema();
    await new SchemaMigrator(testDatabase(), logger).migrate([probe]);

    expect(
      await asRole(probe, (db) => db.query(`SELECT value FROM ${probe.schema}.secrets`)),
    ).toMatchObject({
      rows: [{ value: 'hidden' }],
    });
    expect(
      await errorCode(
        asRole(CatalogSchema, (db) => db.query(`SELECT * FROM ${probe.schema}.secrets`)),
      ),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await errorCode(asRole(probe, (db) => db.query('SELECT * FROM catalog.products')))).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    expect(
      await errorCode(asRole(probe, (db) => db.query('CREATE TABLE catalog.intruder (id int)'))),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await errorCode(asRole(probe, (db) => db.query('CREATE TABLE public.intruder (id int)'))),
    ).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it("keeps each module's migration history in its own schema and applies a migration once", async () => {
    const probe = probeSchema();
    const migrator = new SchemaMigrator(testDatabase(), logger);
    // Two instances starting at once must not both apply it.
    const [first, second] = await Promise.all([
      migrator.migrate([probe]),
      migrator.migrate([probe]),
    ]);
    expect([...first[0]!.applied, ...second[0]!.applied]).toEqual(['CreateSecrets1763712000000']);
    expect((await migrator.migrate([probe]))[0]!.applied).toEqual([]);

    const history = await asRole(probe, (db) =>
      db.query(`SELECT name FROM ${probe.schema}.migrations`),
    );
    expect(history.rows).toEqual([{ name: 'CreateSecrets1763712000000' }]);
    const catalogHistory = await asRole(CatalogSchema, (db) =>
      db.query('SELECT name FROM catalog.migrations'),
    );
    expect(catalogHistory.rows.map((row: { name: string }) => row.name)).toContain(
      'CreateProducts1763712000000',
    );
  });
});
