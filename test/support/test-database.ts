import { DatabaseConnection } from '#platform/persistence';

/** Set by the Jest global setup: the administrative URL of the run's PostgreSQL. */
export const TEST_DATABASE_URL_ENV = 'SEAM_TEST_DATABASE_URL';

/**
 * This Jest worker's own database on the run's PostgreSQL (started by the global setup), as an
 * administrator. Test files in other workers use other databases.
 */
export function testDatabase(): DatabaseConnection {
  const url = process.env[TEST_DATABASE_URL_ENV];
  if (!url)
    throw new Error(`${TEST_DATABASE_URL_ENV} is not set: run the tests through Jest (npm test)`);
  const adminUrl = new URL(url);
  adminUrl.pathname = `/${process.env.SEAM_TEST_DATABASE_PREFIX}${process.env.JEST_WORKER_ID ?? '1'}`;
  return new DatabaseConnection(adminUrl);
}
