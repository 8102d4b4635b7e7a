import './supported-node.js';
import { relative } from 'node:path';
import { projectRoot } from '#platform/config';
import { workflowsOf } from '#platform/runtime';
import { LINTED_WORKFLOWS_FILE, recordLintedWorkflows } from '#platform/workflows';
import { MODULES } from './modules.js';

/**
 * Part of `npm run build`: lints every declared workflow in full (an invalid one fails the build,
 * naming its file) and records them, so that start-ups skip the slow ASL schema check for them.
 */
const workflows = workflowsOf(MODULES);
recordLintedWorkflows(workflows);
process.stdout.write(
  `${workflows.length} workflow(s) linted: ${relative(projectRoot(), LINTED_WORKFLOWS_FILE)}\n`,
);
