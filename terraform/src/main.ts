import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { MODULES, SUBSCRIPTIONS } from '#monolith/modules';
import { ConfigError, projectRoot } from '#platform/config';
import { workflowsOf } from '#platform/runtime';
import { runnableWorkflow } from '#platform/workflows';
import { DeploySettings } from './deploy-settings.js';
import { RegistryStack } from './stacks/registry-stack.js';
import { SeamStack } from './stacks/seam-stack.js';
import { SystemPlan } from './system-plan.js';
import { loadTopology } from './topology.js';

/**
 * The cdktf app (`npm run synth`, `npm run deploy`; docs/deploy.md): two stacks per environment,
 * `seam-<env>-registry` (ECR) and `seam-<env>` (the rest), from the deploy settings in the
 * environment, the topology file of the environment and the module registry.
 */
try {
  const settings = DeploySettings.fromEnv(process.env);
  const topology = loadTopology(
    settings.environment,
    MODULES.map((entry) => entry.name),
  );
  const plan = SystemPlan.of({
    modules: MODULES,
    subscriptions: SUBSCRIPTIONS,
    // Nothing that cannot run is deployed.
    workflows: workflowsOf(MODULES).map(runnableWorkflow),
    topology,
  });
  const app = new App();
  new RegistryStack(app, `${settings.prefix}-registry`, settings);
  new SeamStack(app, settings.prefix, {
    settings,
    topology,
    plan,
    flagDocument: readFileSync(
      join(projectRoot(), 'terraform', 'appconfig', 'feature-flags.json'),
      'utf8',
    ),
    dagsDir: join(projectRoot(), 'terraform', 'mwaa', 'dags'),
    openApiDocument: readFileSync(join(projectRoot(), 'docs', 'openapi.json'), 'utf8'),
  });
  app.synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
