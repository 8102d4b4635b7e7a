import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_AUTH_SECRET } from './test-application.js';

/** The built entry point of `npm start`. */
export const MAIN = 'dist/apps/monolith/src/main.js';
/** What `npm start` and the container image load first: OpenTelemetry, when tracing is on. */
export const TRACING_PRELOAD = 'dist/libs/platform/observability/src/tracing-preload.js';

export interface MonolithProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/**
 * Starts the built monolith in its own process as `npm start` does (port 0, info logs, the test
 * signing key).
 */
export function launch(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', `./${TRACING_PRELOAD}`, MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      SEAM_AUTH_DEV_SECRET: TEST_AUTH_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Launches the monolith and waits for "Seam is ready"; fails with its output if it never is. */
export async function startMonolithProcess(env: Record<string, string>): Promise<MonolithProcess> {
  const launched = launch(env);
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const ready = /"url":"(http:\/\/[^"]+)".*"msg":"Seam is ready"/.exec(launched.output());
    if (ready) return { ...launched, baseUrl: ready[1]!.replace('[::1]', '127.0.0.1') };
    if (launched.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  launched.child.kill('SIGKILL');
  throw new Error(`The monolith did not become ready:\n${launched.output()}`);
}
