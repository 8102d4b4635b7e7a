import './supported-node.js';
/**
 * `npm run start:dev`: the monolith as `npm start` runs it, rebuilt by `tsc --watch` and
 * restarted by `node --watch` whenever the build output changes. Embedded PostgreSQL stops with
 * each old process and starts with the new one; its data stays in SEAM_DATA_DIR (`.data/`).
 * Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const children: ChildProcess[] = [
  spawn(
    process.execPath,
    [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.build.json',
      '--watch',
      '--preserveWatchOutput',
    ],
    { stdio: 'inherit' },
  ),
  spawn(
    process.execPath,
    ['--watch-path=dist', '--watch-preserve-output', 'dist/apps/monolith/src/main.js'],
    { stdio: 'inherit' },
  ),
];

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });

await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
