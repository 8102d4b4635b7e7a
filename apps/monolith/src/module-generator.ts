import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { asyncApiEntries, insertAsyncApiEntries } from './module-asyncapi.js';
import { moduleFiles, type ModuleNames } from './module-templates.js';

/** A module name the generator refuses, with the reason. */
export class ModuleNameError extends Error {}

/**
 * Lowercase letters and digits, starting with a letter: the name is also the module's
 * PostgreSQL schema and role (`seam_<name>`), its SQS queue (`seam-<env>-<name>`), its
 * `route-<name>` flag and its message patterns (`<name>.<action>`), so it cannot hold `-`.
 */
const MODULE_NAME = /^[a-z][a-z0-9]{1,29}$/;

/** Names the platform, PostgreSQL, the infrastructure or an import alias already use. */
const RESERVED = new Set([
  'admin',
  'dev',
  'docs',
  'health',
  'information_schema',
  'metrics',
  'migrate',
  'monolith',
  'platform',
  'postgres',
  'public',
  'registry',
  'reply',
  'seam',
  // `#contracts/shared` is the contract every module shares, not a module's contract.
  'shared',
  'storefront',
  'template',
  'web',
  'worker',
]);

/** Why `name` cannot be a new module in the repository at `root`, or undefined if it can. */
export function problemWithName(root: string, name: string): string | undefined {
  if (!MODULE_NAME.test(name))
    return `"${name}" is not a module name: use 2-30 lowercase letters and digits, starting with a letter (e.g. "loyalty"); no "-" or "_", since the name is also a PostgreSQL schema and role, an SQS queue and a flag`;
  if (RESERVED.has(name) || name.startsWith('pg'))
    return `"${name}" is reserved (used by the platform, PostgreSQL, the infrastructure or an import alias); choose another name`;
  const existing = readdirSync(join(root, 'libs', 'modules'));
  if (existing.includes(name) || existsSync(join(root, 'migrations', name)))
    return `A module "${name}" exists already (libs/modules/${name} or migrations/${name}); modules: ${existing.join(', ')}`;
  return undefined;
}

/** `gift2go` → `Gift2go`. */
function pascalCase(name: string): string {
  return `${name[0]!.toUpperCase()}${name.slice(1)}`;
}

/** What `generateModule` did, repository-relative. */
export interface GeneratedModule {
  readonly files: readonly string[];
  /** The files outside the module it changed: the module list, the AsyncAPI document. */
  readonly edited: readonly string[];
  /** Set when the module list could not be edited: the line to add by hand. */
  readonly manualStep?: string;
}

/**
 * Writes a new module into the repository at `root`: its files under `libs/modules/<name>` and
 * `migrations/<name>`, its line in `apps/monolith/src/modules.ts`, and its queue and request in
 * `docs/asyncapi.yaml`. Compiling and the flag document come after (see module-new.ts).
 * @throws ModuleNameError
 */
export function generateModule(root: string, name: string, now = new Date()): GeneratedModule {
  const problem = problemWithName(root, name);
  if (problem) throw new ModuleNameError(problem);
  const names: ModuleNames = { name, pascal: pascalCase(name), version: now.getTime() };
  const files = moduleFiles(names);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content, { flag: 'wx' });
  }
  const edited: string[] = [];
  const asyncApi = join(root, 'docs', 'asyncapi.yaml');
  if (existsSync(asyncApi)) {
    const text = insertAsyncApiEntries(readFileSync(asyncApi, 'utf8'), asyncApiEntries(names));
    writeFileSync(asyncApi, text);
    edited.push('docs/asyncapi.yaml');
  }
  const declaration = `${names.pascal}Declaration`;
  const listed = addToModuleList(
    join(root, 'apps', 'monolith', 'src', 'modules.ts'),
    name,
    declaration,
  );
  if (listed) edited.push('apps/monolith/src/modules.ts');
  return {
    files: Object.keys(files),
    edited,
    manualStep: listed
      ? undefined
      : `add \`import { ${declaration} } from '#modules/${name}';\` and \`${declaration},\` to MODULES in apps/monolith/src/modules.ts`,
  };
}

/**
 * Adds the module's import (in path order among the `#modules/` imports) and its entry at the
 * end of `MODULES`. False when the file is not in the expected shape.
 */
function addToModuleList(path: string, name: string, declaration: string): boolean {
  const text = readFileSync(path, 'utf8');
  const list = /(export const MODULES: readonly ModuleDeclaration\[\] = \[\n(?: {2}\w+,\n)*)(\];)/;
  const imports = [...text.matchAll(/^import \{ \w+ \} from '#modules\/([a-z0-9]+)';\n/gm)];
  if (!list.test(text) || imports.length === 0) return false;
  const line = `import { ${declaration} } from '#modules/${name}';\n`;
  const after = imports.filter((match) => match[1]! < name).at(-1);
  const at = after ? after.index + after[0].length : imports[0]!.index;
  const withImport = `${text.slice(0, at)}${line}${text.slice(at)}`;
  writeFileSync(path, withImport.replace(list, `$1  ${declaration},\n$2`));
  return true;
}
