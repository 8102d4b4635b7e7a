import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** Value at quantile q (0..1) of unsorted samples. */
export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Writes test/bench/results/<name>.json and prints the rows as a table. */
export function report(
  name: string,
  command: string,
  rows: Record<string, unknown>[],
  notes: Record<string, unknown> = {},
): void {
  const result = {
    benchmark: name,
    command,
    at: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
    },
    rows,
    ...notes,
  };
  const dir = join(process.cwd(), 'test', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${name}  (${command})\n`);
  console.table(rows);
  for (const [key, value] of Object.entries(notes))
    process.stdout.write(`${key}: ${JSON.stringify(value)}\n`);
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
