import pg from 'pg';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Logger } from '#platform/observability';
import {
  ChannelListener,
  DatabaseConnection,
  defineModuleSchema,
  ModuleCredentials,
  SchemaMigrator,
  type ModuleSchema,
} from '#platform/persistence';
import { SecretsOptions } from '#platform/secrets';
import type { SecretsManagerSecretStore } from '../../libs/platform/secrets/src/secrets-manager.secret-store.js';
import type { SecretsManagerServer } from './aws/secrets-manager.server.js';
import { eventually } from './eventually.js';
import { testDatabase } from './test-database.js';

/** A password nobody else uses, recognisable in a log if it ever leaked there. */
export const freshPassword = (label: string) =>
  `${label}-${Math.random().toString(36).slice(2, 10)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * A throw-away module (schema, role, one table) whose role's login is its secret
 * `seam/test/db/<module>` on a loopback Secrets Manager, wired the way the application wires
 * it: `DatabaseConnection.withCredentials(ModuleCredentials.fromSecrets(store, options))`,
 * migrated by SchemaMigrator, pooled DataSources and LISTEN connections from the connection.
 * It also holds an administrative connection to play the rotation's part in PostgreSQL.
 *
 * @example
 * const store = new SecretsManagerSecretStore(server.client());
 * const probe = await SecretBackedModule.create(server, store, logger);
 * const db = await probe.openDataSource();
 * await probe.rotate(freshPassword('second'));
 */
export class SecretBackedModule {
  private readonly closers: (() => Promise<void>)[] = [];

  private constructor(
    readonly schema: ModuleSchema,
    readonly secretName: string,
    readonly connection: DatabaseConnection,
    private readonly server: SecretsManagerServer,
    private readonly admin: pg.Client,
  ) {}

  /**
   * Creates the module and, unless `password` is null, its secret with that password; then
   * migrates it (which sets the role's password from the secret).
   */
  static async create(
    server: SecretsManagerServer,
    store: SecretsManagerSecretStore,
    logger: Logger,
    password: string | null = freshPassword('first'),
  ): Promise<SecretBackedModule> {
    const schema = rotationProbeSchema();
    const options = new SecretsOptions('secretsmanager', 'test');
    const connection = testDatabase().withCredentials(
      ModuleCredentials.fromSecrets(store, options),
    );
    const secretName = options.secretName('db', schema.module);
    if (password !== null) server.put(secretName, rdsSecret(schema, password));
    const admin = new pg.Client({
      connectionString: testDatabase().adminUrl.href,
      application_name: 'seam:test:admin',
    });
    await admin.connect();
    const probe = new SecretBackedModule(schema, secretName, connection, server, admin);
    probe.closers.push(() => admin.end());
    if (password !== null) await new SchemaMigrator(connection, logger).migrate([schema]);
    return probe;
  }

  /** A pooled DataSource logging in as the module's role, as PersistenceModule opens it. */
  async openDataSource(): Promise<DataSource> {
    const db = new DataSource({
      ...this.connection.dataSourceOptionsFor(this.schema, `seam:${this.schema.module}`),
      entities: [],
    });
    await db.initialize();
    this.closers.push(() => db.destroy());
    return db;
  }

  /** A started LISTEN connection on the module's channel, as the outbox relay makes it. */
  async listen(): Promise<ChannelListener> {
    const listener = new ChannelListener(
      (applicationName) => this.connection.clientFor(this.schema, applicationName),
      `seam_probe_${this.schema.module}`,
      `seam:${this.schema.module}:listener`,
    );
    await listener.start();
    this.closers.push(() => listener.stop());
    return listener;
  }

  /** Counts the probe table's rows as the module's role: one query over the pool. */
  async countRows(db: DataSource): Promise<number> {
    const [row] = (await db.query(
      `SELECT count(*)::int AS n FROM "${this.schema.schema}".items`,
    )) as {
      n: number;
    }[];
    return row!.n;
  }

  /**
   * What a rotation does to PostgreSQL: the role's password becomes `password` (as admin);
   * with `updateSecret` the secret's new AWSCURRENT holds it, otherwise the secret keeps the
   * old one (a broken rotation). Then every connection of the role is ended, so the pool and
   * the LISTEN connection must log in again; resolves once PostgreSQL has closed them all.
   */
  async rotate(password: string, { updateSecret = true } = {}): Promise<void> {
    const role = this.admin.escapeIdentifier(this.schema.role);
    await this.admin.query(`ALTER ROLE ${role} PASSWORD ${this.admin.escapeLiteral(password)}`);
    if (updateSecret) this.server.put(this.secretName, rdsSecret(this.schema, password));
    const ended = (await this.backends()).map((backend) => backend.pid);
    await this.admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [
      ended,
    ]);
    // Only these: the LISTEN connection may already be logging in again.
    await eventually(
      () => this.backends(),
      (backends) => backends.every((backend) => !ended.includes(backend.pid)),
      `${this.schema.role}'s connections to close`,
    );
  }

  /** The role's connections PostgreSQL has now. */
  async backends(): Promise<{ pid: number; application: string; query: string }[]> {
    const { rows } = await this.admin.query<{ pid: number; application: string; query: string }>(
      `SELECT pid, application_name AS application, query FROM pg_stat_activity
        WHERE usename = $1 AND backend_type = 'client backend'`,
      [this.schema.role],
    );
    return rows;
  }

  /** Resolves once the pool has dropped the connections PostgreSQL ended, so none is reused. */
  async poolDrained(db: DataSource): Promise<void> {
    // TypeORM's PostgresDriver keeps its pg Pool as `master`.
    const pool = (db.driver as unknown as { master: pg.Pool }).master;
    await eventually(
      () => pool.totalCount,
      (count) => count === 0,
      'the pool to drop its ended connections',
    );
  }

  /** Whether PostgreSQL accepts `password` for the role now: true, or the SQLSTATE it answers. */
  async accepts(password: string): Promise<true | string> {
    const url = new URL(testDatabase().adminUrl.href);
    url.username = this.schema.role;
    url.password = password;
    const client = new pg.Client({ connectionString: url.href });
    try {
      await client.connect();
      return true;
    } catch (error) {
      return String((error as { code?: string }).code);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
  }
}

/** The RDS secret shape, as Secrets Manager's rotation functions expect it. */
export function rdsSecret(schema: ModuleSchema, password: string): Record<string, unknown> {
  const admin = testDatabase().adminUrl;
  return {
    engine: 'postgres',
    host: admin.hostname,
    port: Number(admin.port),
    dbname: admin.pathname.slice(1),
    username: schema.role,
    password,
  };
}

function rotationProbeSchema(): ModuleSchema {
  const module = `rot_${Math.random().toString(36).slice(2, 10)}`;
  class CreateItems1763712000000 implements MigrationInterface {
    name = 'CreateItems1763712000000';
    async up(db: QueryRunner): Promise<void> {
      await db.query(`CREATE TABLE "${module}".items (id int PRIMARY KEY)`);
      await db.query(`INSERT INTO "${module}".items VALUES (1), (2), (3)`);
    }
    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE "${module}".items`);
    }
  }
  return defineModuleSchema({ module, migrations: [CreateItems1763712000000] });
}
