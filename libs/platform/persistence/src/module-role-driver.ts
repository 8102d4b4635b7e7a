import pg from 'pg';
import type { ModuleLogin } from './module-credentials.js';

/** SQLSTATE invalid_password: PostgreSQL refused the login. */
export const INVALID_PASSWORD = '28P01';

export function isInvalidPassword(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === INVALID_PASSWORD
  );
}

/** Where one module role's connections get their login. */
export interface RoleLogins {
  /** The login for a new connection (a cached secret, or the fallback password). */
  current(): Promise<ModuleLogin>;
  /** PostgreSQL refused `login`: re-read it before the next attempt. Never throws. */
  rejected(login: ModuleLogin): Promise<void>;
}

type PgConnectCallback = ((err: Error) => void) | ((err: null, c: pg.Client) => void);
type ConnectCallback = (error: Error | null, client?: pg.Client) => void;
type PoolConnectCallback = (
  error: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/** The pg module, with a Client and a Pool that log in as one module role. */
export interface ModuleRoleDriver {
  /** Unconnected client; takes the current password when it connects. */
  readonly Client: typeof pg.Client;
  /** For TypeORM's `driver` option: `pg` whose Pool uses `Client` and retries a refused login once. */
  readonly pg: typeof pg;
}

/**
 * pg for one module role whose password can change under it (a rotated secret).
 *
 * Every new connection asks `logins.current()` for the password. pg would call a `password`
 * function itself, but ignores one given beside a `connectionString` (the string's empty
 * password wins), and the role's URL carries the admin URL's TLS and libpq settings; so the
 * client sets its password as it connects. When PostgreSQL refuses it (28P01, e.g. the secret
 * was rotated), the client has `logins.rejected` re-read the secret before reporting the
 * error, and the pool tries once more: the request that noticed the rotation still succeeds.
 * TypeORM's PostgresDriver builds its pool with `new driver.Pool(options)` and takes
 * connections with `pool.connect(callback)`, both kept here.
 */
export function moduleRoleDriver(logins: RoleLogins): ModuleRoleDriver {
  class ModuleRoleClient extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: PgConnectCallback): void;
    override connect(callback?: PgConnectCallback): Promise<pg.Client> | void {
      const connected = this.connectAsRole();
      if (!callback) return connected;
      // pg's own contract: (error) on failure, (null, client) once connected.
      const done = callback as ConnectCallback;
      void connected.then(
        (client) => done(null, client),
        (error: Error) => done(error),
      );
    }

    private async connectAsRole(): Promise<pg.Client> {
      const login = await logins.current();
      // pg keeps `password` out of enumeration, so it stays out of logs and inspections.
      this.password = login.password;
      try {
        return await super.connect();
      } catch (error) {
        if (isInvalidPassword(error)) await logins.rejected(login);
        throw error;
      }
    }
  }

  class ModuleRolePool extends pg.Pool {
    constructor(options: pg.PoolConfig = {}) {
      super({ ...options, Client: ModuleRoleClient as unknown as pg.PoolConfig['Client'] });
    }

    override connect(): Promise<pg.PoolClient>;
    override connect(callback: PoolConnectCallback): void;
    override connect(callback?: PoolConnectCallback): Promise<pg.PoolClient> | void {
      const connected = super.connect().catch((error: unknown) => {
        if (!isInvalidPassword(error)) throw error;
        // The refused client has had the secret re-read: one more connection uses it.
        return super.connect();
      });
      if (!callback) return connected;
      void connected.then(
        (client) => callback(undefined, client, (release) => client.release(release as Error)),
        (error: Error) => callback(error, undefined, () => undefined),
      );
    }
  }

  return {
    Client: ModuleRoleClient,
    pg: { ...pg, Client: ModuleRoleClient, Pool: ModuleRolePool },
  };
}
