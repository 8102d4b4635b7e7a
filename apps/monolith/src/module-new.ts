import './supported-node.js';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseCommandLine, projectRoot } from '#platform/config';
import { generateModule, ModuleNameError } from './module-generator.js';

/**
 * `npm run module:new <name>`: writes a new module in the shape of the others (a declaration,
 * schema and migration, a contract with one command, one HTTP query, a domain unit test), adds
 * it to apps/monolith/src/modules.ts and docs/asyncapi.yaml, compiles, and rewrites the flag
 * document so it has `route-<name>`. docs/runbooks/add-a-module.md.
 */
const USAGE = `usage: npm run module:new <name>

Writes libs/modules/<name> and migrations/<name>, adds the module to apps/monolith/src/modules.ts
and docs/asyncapi.yaml, compiles, and writes its route-<name> flag into the flag document.
<name>: 2-30 lowercase letters and digits, starting with a letter.
`;

const { positionals } = parseCommandLine(USAGE, { allowPositionals: true });
if (positionals.length !== 1) {
  process.stderr.write(USAGE);
  process.exitCode = 2;
} else {
  process.exitCode = run(positionals[0]!);
}

function run(name: string): number {
  const root = projectRoot();
  let generated;
  try {
    generated = generateModule(root, name);
  } catch (error) {
    if (!(error instanceof ModuleNameError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  process.stdout.write(
    `Wrote ${generated.files.length} files under libs/modules/${name} and migrations/${name}\n` +
      generated.edited.map((path) => `Added ${name} to ${path}\n`).join(''),
  );
  const node = process.execPath;
  // Long names can make a line too long for the templates' layout: print as `npm run lint` wants.
  execFileSync(
    node,
    [
      join(root, 'node_modules/prettier/bin/prettier.cjs'),
      '--write',
      '--log-level=warn',
      ...generated.files,
      ...generated.edited,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  // Compile (the flag document is made from the compiled declarations), then write it.
  try {
    execFileSync(
      node,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  } catch {
    process.stderr.write(
      `The build failed (above); fix it, then run \`npm run flags -- document\` to add route-${name}\n`,
    );
    return 1;
  }
  execFileSync(node, [join(root, 'dist/apps/monolith/src/flags-cli.js'), 'document'], {
    cwd: root,
    env: { ...process.env, SEAM_FLAGS_FILE: join(root, 'terraform/appconfig/feature-flags.json') },
    stdio: 'inherit',
  });
  if (generated.manualStep) process.stdout.write(`One step left: ${generated.manualStep}\n`);
  process.stdout.write(
    `Next: npm test runs its domain test; npm start serves GET /${name}/entries/:id and ${name}.record-entry.\n`,
  );
  return 0;
}
