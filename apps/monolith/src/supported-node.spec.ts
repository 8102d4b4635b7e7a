import { spawn } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { unsupportedNode } from './supported-node.js';

/** Pretends the running Node is another version, before any application module loads. */
const pretendNode = (version: string) =>
  `data:text/javascript,Object.defineProperty(process.versions,'node',{value:'${version}'})`;

function run(entryPoint: string, version: string) {
  const child = spawn(process.execPath, ['--import', pretendNode(version), entryPoint], {
    env: { ...process.env, SEAM_AUTH_DEV_SECRET: 'x'.repeat(32) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  return new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
}

describe('supported Node', () => {
  it('accepts Node 22.x only', () => {
    expect(unsupportedNode('22.23.3')).toBeUndefined();
    expect(unsupportedNode('20.20.2')).toMatch(/needs Node 22\.x, but this is Node 20\.20\.2/);
    expect(unsupportedNode('24.1.0')).toMatch(/Node 24\.1\.0/);
  });

  it.each([
    'dist/apps/monolith/src/main.js',
    'dist/apps/monolith/src/migrate.js',
    'dist/apps/monolith/src/split.js',
    'dist/apps/monolith/src/token.js',
    'dist/apps/monolith/src/flags-cli.js',
    'dist/apps/monolith/src/dev.js',
  ])('%s refuses to start on Node 20 with one clear line', async (entryPoint) => {
    const { code, stderr } = await run(entryPoint, '20.20.2');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Seam needs Node 22\.x/)]);
  });
});
