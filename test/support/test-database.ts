import { DatabaseConnection } from '#platform/persistence';

/** Set by the Jest global setup (postgres.global-setup.ts). */
export const TEST_DATABASE_URL_ENV = 'SEAM_TEST_DATABASE_URL';

/** The run's shared PostgreSQL (started by the Jest global setup), as an administrator. */
export function testDatabase(): DatabaseConnection {
  const url = process.env[TEST_DATABASE_URL_ENV];
  if (!url)
    throw new Error(`${TEST_DATABASE_URL_ENV} is not set: run the tests through Jest (npm test)`);
  return new DatabaseConnection(new URL(url));
}
