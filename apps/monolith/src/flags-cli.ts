import './supported-node.js';
import { existsSync, readFileSync } from 'node:fs';
import {
  editFlagDocument,
  FlagDocument,
  FlagDocumentError,
  FlagEditError,
  FlagsOptions,
  writeFileAtomic,
  type FlagEdit,
} from '#platform/flags';
import { ConfigError, parseCommandLine } from '#platform/config';
import { declaredFlagDocument } from './flag-document.js';

/**
 * `npm run flags -- <command>`: reads and edits the local feature-flag document
 * (terraform/appconfig/feature-flags.json, or SEAM_FLAGS_FILE). A running app with the file
 * source picks the change up within a second. docs/runbooks/manage-feature-flags.md.
 *
 *   list                                   every flag, on/off, attributes
 *   set <flag> <attribute>=<value> …       e.g. set route-payments mode=canary percent=10
 *   enable <flag> | disable <flag>
 *   document                               rewrites the definitions from the module declarations
 */
const USAGE = `usage: npm run flags -- list
       npm run flags -- set <flag> <attribute>=<value> [<attribute>=<value> …]
       npm run flags -- enable <flag>
       npm run flags -- disable <flag>
       npm run flags -- document

Reads and edits the local feature-flag document (SEAM_FLAGS_FILE, default
terraform/appconfig/feature-flags.json); a running app picks a change up within a second.
\`document\` writes it from the module declarations (a route-<module> flag per module, and
the flags each module declares), keeping the values in force that still fit.
`;

const [command, flag, ...rest] = parseCommandLine(USAGE, { allowPositionals: true }).positionals;

try {
  process.exitCode = await run();
} catch (error) {
  if (
    error instanceof FlagEditError ||
    error instanceof FlagDocumentError ||
    error instanceof ConfigError
  ) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}

async function run(): Promise<number> {
  const path = FlagsOptions.documentPath(process.env);
  const label = new FlagsOptions('file', path).fileLabel();
  if (command === 'list' && flag === undefined) {
    list(FlagDocument.load(path, label));
    return 0;
  }
  if (command === 'document' && flag === undefined) return document(path, label);
  let edit: FlagEdit;
  if ((command === 'enable' || command === 'disable') && flag && rest.length === 0) {
    edit = { kind: command, flag };
  } else if (command === 'set' && flag) {
    edit = { kind: 'set', flag, assignments: rest };
  } else {
    process.stderr.write(USAGE);
    return 2;
  }
  let original: string;
  try {
    original = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FlagDocumentError(label, [`cannot be read: ${(error as Error).message}`]);
  }
  const edited = editFlagDocument(FlagDocument.parse(original, label), edit);
  if (edited.changes.length === 0) {
    process.stdout.write(`${label}: nothing changed\n`);
    return 0;
  }
  await writeFileAtomic(path, edited.text, original);
  process.stdout.write(`${label}:\n${edited.changes.map((change) => `  ${change}\n`).join('')}`);
  return 0;
}

/** Writes the document the module declarations make; says which flags came and went. */
async function document(path: string, label: string): Promise<number> {
  const original = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const current = original === undefined ? undefined : FlagDocument.parse(original, label);
  const text = declaredFlagDocument(current?.json);
  if (text === original) {
    process.stdout.write(`${label}: up to date with the module declarations\n`);
    return 0;
  }
  await writeFileAtomic(path, text, original);
  const before = current?.flagNames ?? [];
  const after = FlagDocument.parse(text, label).flagNames;
  const changes = [
    ...after.filter((name) => !before.includes(name)).map((name) => `added ${name}`),
    ...before.filter((name) => !after.includes(name)).map((name) => `removed ${name}`),
  ];
  process.stdout.write(
    `${label}: written from the module declarations\n${changes.map((change) => `  ${change}\n`).join('')}`,
  );
  return 0;
}

function list(document: FlagDocument): void {
  const width = Math.max(...document.flagNames.map((name) => name.length));
  for (const name of document.flagNames) {
    const state = document.defaults[name]!;
    const attributes = Object.entries(state)
      .filter(([key]) => key !== 'enabled')
      .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`);
    const deprecation = document.definition(name)?._deprecation;
    const note = deprecation
      ? `  (deprecation planned${deprecation.date ? ` ${deprecation.date}` : ''})`
      : '';
    process.stdout.write(
      `${name.padEnd(width)}  ${state.enabled ? 'on ' : 'off'}  ${attributes.join(' ')}${note}\n`,
    );
  }
}
