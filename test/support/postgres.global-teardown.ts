import { rm } from 'node:fs/promises';
import type { EmbeddedPostgresServer } from '#platform/persistence';

export default async function stopTestPostgres(): Promise<void> {
  const started = (
    globalThis as { seamTestPostgres?: { server: EmbeddedPostgresServer; dataDir: string } }
  ).seamTestPostgres;
  if (!started) return;
  await started.server.stop();
  // The cluster lives outside the data directory when the postgres user could not enter it.
  await rm(started.server.clusterDir, { recursive: true, force: true });
  await rm(started.dataDir, { recursive: true, force: true });
}
