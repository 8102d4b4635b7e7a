import type { Logger } from '#platform/observability';

/** Something to stop on shutdown, in the reverse order of starting. */
export type Stopper = () => Promise<void>;

/**
 * Runs a process's start-up and keeps what must be stopped. On SIGINT/SIGTERM everything is
 * stopped in reverse order (the application before the database it uses) and the process exits
 * 0; a second signal exits at once. A process started over IPC dies with its supervisor. A
 * start-up failure is logged, stops what did start, and exits 1.
 *
 * @example
 * await runProcess(logger, async (onStop) => {
 *   const postgres = await EmbeddedPostgresServer.start(...);
 *   onStop(() => postgres.stop());
 * });
 */
export async function runProcess(
  logger: Logger,
  start: (onStop: (stopper: Stopper) => void) => Promise<void>,
): Promise<void> {
  const stoppers: Stopper[] = [];
  let stopping = false;

  const stopAll = async (): Promise<boolean> => {
    let clean = true;
    for (const stop of stoppers.reverse()) {
      try {
        await stop();
      } catch (error) {
        clean = false;
        logger.error({ err: error }, 'Shutdown step failed');
      }
    }
    return clean;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'Second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    void stopAll().then((clean) => {
      logger.info('Stopped');
      process.exit(clean ? 0 : 1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (process.channel) {
    // Started by a supervisor over IPC (`npm run start:split`), which reads this process's
    // output. The channel closes only when the supervisor dies (even by SIGKILL); with it goes
    // the reader, and a last log line would block on the broken pipe. So end at once, as if
    // killed with it (SIGKILL: no exit handlers). What this process had received is delivered
    // again after its visibility timeout.
    process.channel.unref();
    process.once('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  }

  try {
    await start((stopper) => stoppers.push(stopper));
  } catch (error) {
    stopping = true;
    logger.fatal({ err: error }, `Start-up failed: ${(error as Error).message}`);
    await stopAll();
    process.exit(1);
  }
}
