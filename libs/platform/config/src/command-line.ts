import { parseArgs, type ParseArgsConfig } from 'node:util';

type CommandLineConfig = Pick<ParseArgsConfig, 'options' | 'allowPositionals'>;

/**
 * The arguments of a command-line entry point, parsed strictly. `--help` (or `-h`) prints
 * `usage` and exits 0; an unknown option, a missing value or an unexpected argument prints
 * what is wrong, then `usage`, and exits 2.
 *
 * @example
 * const { values } = parseCommandLine(USAGE, { options: { admin: { type: 'boolean' } } });
 */
export function parseCommandLine<const T extends CommandLineConfig>(
  usage: string,
  config: T,
  args: string[] = process.argv.slice(2),
): ReturnType<typeof parseArgs<T & { strict: true }>> {
  let parsed: ReturnType<typeof parseArgs<T & { strict: true }>>;
  try {
    parsed = parseArgs({
      ...config,
      args,
      strict: true,
      options: { ...config.options, help: { type: 'boolean', short: 'h' } },
    }) as typeof parsed;
  } catch (error) {
    if (!(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_')) throw error;
    process.stderr.write(`${(error as Error).message}\n${usage.trimEnd()}\n`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage.trimEnd()}\n`);
    process.exit(0);
  }
  return parsed;
}
