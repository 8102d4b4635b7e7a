import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

/**
 * In a fresh process on the build, as a start-up does: `npm run build` records the workflows it
 * linted (`dist/linted-workflows.json`), and `lintWorkflow` then skips asl-validator (seen as its
 * code not being loaded) for a recorded definition, but checks an edited one in full.
 */
const PROBE = `
import { createRequire } from 'node:module';
const { workflowsOf } = await import('./dist/libs/platform/runtime/src/module-workflows.js');
const { lintWorkflow } = await import('./dist/libs/platform/workflows/src/asl-lint.js');
const { WorkflowDefinition } = await import('./dist/libs/platform/workflows/src/workflow-definition.js');
const validatorLoaded = () =>
  Object.keys(createRequire(process.cwd() + '/').cache).some((file) =>
    file.includes('/node_modules/asl-validator/dist/'));
const [saga] = workflowsOf([{ name: 'ordering', workflows: ['order-fulfilment'] }]);
const recorded = { problems: lintWorkflow(saga), validatorLoaded: validatorLoaded() };
const edited = WorkflowDefinition.parse(saga.module, saga.name, saga.file, saga.source + '\\n');
const changed = { problems: lintWorkflow(edited), validatorLoaded: validatorLoaded() };
process.stdout.write(JSON.stringify({ recorded, changed }));
`;

describe('the lint record of the build', () => {
  it('spares a start-up the ASL schema check for a recorded workflow, not for an edited one', async () => {
    if (!existsSync('dist/linted-workflows.json'))
      throw new Error('dist/linted-workflows.json is missing: run `npm run build` first');
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '-e', PROBE],
        { timeout: 20_000 },
        (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)),
      ),
    );
    expect(JSON.parse(output)).toEqual({
      recorded: { problems: [], validatorLoaded: false },
      changed: { problems: [], validatorLoaded: true },
    });
  });
});
