import { describe, expect, it } from '@jest/globals';
import { explainPostgresOutput, explainSystemError } from './embedded-postgres.error.js';

const context = { dir: '/srv/seam/.data/postgres', account: 'postgres', port: 5433 };

/** What PostgreSQL 18 prints before it gives up, as captured from real failures. */
const log = (...lines: string[]) =>
  lines.map((line) => `2026-12-04 10:00:00.000 UTC [4242] ${line}`).join('\n');

describe('explaining why embedded PostgreSQL did not start', () => {
  it('tells to free space or move the data when the disk is full', () => {
    const error = explainPostgresOutput(
      log('FATAL:  could not write lock file "postmaster.pid": No space left on device'),
      context,
    );
    expect(error.reason).toBe('disk-full');
    expect(error.message).toBe(
      'The disk holding /srv/seam/.data/postgres is full (No space left on device): ' +
        'free some space, or put the data on another disk with SEAM_DATA_DIR.',
    );
  });

  it('tells to free the port or unset SEAM_PG_PORT when a pinned port is in use', () => {
    const output = log(
      'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
      'HINT:  Is another postmaster already running on port 5433? If not, wait a few seconds and retry.',
      'WARNING:  could not create listen socket for "127.0.0.1"',
      'FATAL:  could not create any TCP/IP sockets',
    );
    const pinned = explainPostgresOutput(output, { ...context, portPinned: true });
    expect(pinned.reason).toBe('port-in-use');
    expect(pinned.message).toContain('Port 5433 on 127.0.0.1 is already in use');
    expect(pinned.message).toContain('unset SEAM_PG_PORT');
    expect(explainPostgresOutput(output, context).message).toContain('start again');
  });

  it('names both versions and the ways out for a data directory of another major version', () => {
    const error = explainPostgresOutput(
      log(
        'FATAL:  database files are incompatible with server',
        'DETAIL:  The data directory was initialized by PostgreSQL version 16, which is not compatible with this version 18.4.',
      ),
      context,
    );
    expect(error.reason).toBe('other-major-version');
    expect(error.message).toContain('was made by PostgreSQL 16, which PostgreSQL 18.4 cannot open');
    expect(error.message).toContain('move that directory away');
    expect(error.message).toContain('DATABASE_URL');
  });

  it('names the user, the directory and the fix when permissions are wrong', () => {
    const error = explainPostgresOutput(
      log(
        'FATAL:  data directory "/srv/seam/.data/postgres" has wrong ownership',
        'HINT:  The server must be started by the user that owns the data directory.',
      ),
      context,
    );
    expect(error.reason).toBe('permission');
    expect(error.message).toBe(
      'PostgreSQL, running as "postgres", cannot use /srv/seam/.data/postgres ' +
        '(FATAL:  data directory "/srv/seam/.data/postgres" has wrong ownership): ' +
        "make that directory postgres's (chown -R postgres /srv/seam/.data/postgres), " +
        'or choose another SEAM_DATA_DIR.',
    );
  });

  it('quotes the last fatal line of anything else, and says where to look', () => {
    const error = explainPostgresOutput(
      log('LOG:  starting PostgreSQL 18.4', 'FATAL:  invalid value for parameter "port": "x"'),
      context,
    );
    expect(error.reason).toBe('other');
    expect(error.message).toContain('(FATAL:  invalid value for parameter "port": "x")');
    expect(error.message).toContain('LOG_LEVEL=debug');
  });

  it('makes every explanation one line', () => {
    const outputs = [
      '',
      'FATAL:  x\nDETAIL:  y',
      log('PANIC:  could not write: No space left on device'),
    ];
    for (const output of outputs)
      expect(explainPostgresOutput(output, context).message).not.toContain('\n');
  });

  it('explains a full disk or a refused write of Seam itself, and leaves other errors alone', () => {
    const enospc = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    const eacces = Object.assign(new Error('denied'), { code: 'EACCES' });
    expect(explainSystemError(enospc, 'create', '/data')?.reason).toBe('disk-full');
    expect(explainSystemError(eacces, 'create', '/data', 'SEAM_DATA_DIR')?.message).toBe(
      'Seam cannot create /data (EACCES): choose a directory this user may write with ' +
        'SEAM_DATA_DIR, or use another PostgreSQL with DATABASE_URL.',
    );
    expect(
      explainSystemError(eacces, 'copy PostgreSQL into', '/var/cache/seam')?.message,
    ).toContain('run Seam as a normal user');
    expect(explainSystemError(new Error('other'), 'create', '/data')).toBeUndefined();
  });
});
