/** Why embedded PostgreSQL could not start, for code that reacts to one cause (tests, a retry). */
export type FailureReason =
  'disk-full' | 'port-in-use' | 'other-major-version' | 'permission' | 'not-installed' | 'other';

/**
 * Embedded PostgreSQL could not start. The message is one line: what happened, then what to do.
 * It is the user's to fix, not a bug of Seam's, so its stack is that one line too: wherever it is
 * printed (the start-up log, Jest's global setup), nothing buries the remedy.
 */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';

  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

/** What a failure is about, to name it in the message. */
export interface FailureContext {
  /** The cluster's directory (or the directory being written). */
  readonly dir: string;
  /** Who runs PostgreSQL: `postgres` when Seam runs as root, otherwise this process's user. */
  readonly account: string;
  readonly port?: number;
  /** True when the port was chosen with SEAM_PG_PORT rather than picked free. */
  readonly portPinned?: boolean;
  /** The setting that chooses the data directory; default SEAM_DATA_DIR. */
  readonly dataDirSetting?: string;
}

/**
 * Explains what PostgreSQL or initdb printed before it stopped.
 *
 * @example
 * explainPostgresOutput('FATAL:  could not create lock file "postmaster.pid": No space left on device', context)
 * // EmbeddedPostgresError: The disk holding /srv/seam/.data/postgres is full (No space left on device): …
 */
export function explainPostgresOutput(
  output: string,
  context: FailureContext,
): EmbeddedPostgresError {
  const { dir, account, dataDirSetting = 'SEAM_DATA_DIR' } = context;
  if (/No space left on device/i.test(output)) return diskFull(dir, dataDirSetting);
  if (/Address already in use/i.test(output)) return portInUse(context);
  const version = /initialized by PostgreSQL version (\d+)[^\n]*?version (\d+(?:\.\d+)*)/.exec(
    output,
  );
  if (version || /database files are incompatible with server/.test(output))
    return otherMajorVersion(dir, version?.[1] ?? 'another version', version?.[2] ?? 'this one');
  const denied =
    /(has wrong ownership|has invalid permissions|Permission denied|Operation not permitted)/i;
  if (denied.test(output)) {
    const line = lastLine(output, denied) ?? 'permission denied';
    return new EmbeddedPostgresError(
      'permission',
      `PostgreSQL, running as "${account}", cannot use ${dir} (${line}): ` +
        `make that directory ${account}'s (chown -R ${account} ${dir}), or choose another ${dataDirSetting}.`,
    );
  }
  const reason =
    lastLine(output, /\b(FATAL|PANIC|ERROR):/) ?? lastLine(output, /\S/) ?? 'no output';
  return new EmbeddedPostgresError(
    'other',
    `Embedded PostgreSQL did not start with the data in ${dir} (${reason}): ` +
      `see its full output with LOG_LEVEL=debug, or use another PostgreSQL with DATABASE_URL.`,
  );
}

/**
 * Explains a failed file operation of Seam's own (creating the data directory, copying the
 * binaries), naming the path the system reports, else `dir`; undefined for other errors.
 * `dataDirSetting` names the setting that moves the directory, when one does.
 */
export function explainSystemError(
  error: unknown,
  doing: string,
  dir: string,
  dataDirSetting?: string,
): EmbeddedPostgresError | undefined {
  const { code, path = dir } = (error ?? {}) as NodeJS.ErrnoException;
  if (code === 'ENOSPC' || code === 'EDQUOT') return diskFull(path, dataDirSetting);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new EmbeddedPostgresError(
      'permission',
      `Seam cannot ${doing} ${path} (${code}): ` +
        (dataDirSetting
          ? `choose a directory this user may write with ${dataDirSetting}`
          : 'run Seam as a normal user') +
        ', or use another PostgreSQL with DATABASE_URL.',
    );
  return undefined;
}

export function diskFull(path: string, dataDirSetting?: string): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    'disk-full',
    `The disk holding ${path} is full (No space left on device): free some space` +
      (dataDirSetting ? `, or put the data on another disk with ${dataDirSetting}.` : '.'),
  );
}

export function portInUse({ port, portPinned }: FailureContext): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    'port-in-use',
    portPinned
      ? `Port ${port} on 127.0.0.1 is already in use: stop what listens there, ` +
          `or unset SEAM_PG_PORT to let Seam pick a free port.`
      : `Port ${port} on 127.0.0.1 was taken by another process as PostgreSQL started: ` +
          `start again, or pin a port with SEAM_PG_PORT.`,
  );
}

export function otherMajorVersion(
  dir: string,
  made: string,
  running: string,
): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    'other-major-version',
    `The data in ${dir} was made by PostgreSQL ${made}, which PostgreSQL ${running} cannot open: ` +
      `move that directory away to start with an empty database (or dump it with PostgreSQL ${made} ` +
      `and restore it afterwards), or use that PostgreSQL with DATABASE_URL.`,
  );
}

function lastLine(output: string, pattern: RegExp): string | undefined {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => pattern.test(line))
    .at(-1)
    ?.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[\d+\] /, ''); // PostgreSQL's log line prefix
}
