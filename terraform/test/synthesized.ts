import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { MODULES, SUBSCRIPTIONS } from '#monolith/modules';
import { projectRoot } from '#platform/config';
import { workflowsOf } from '#platform/runtime';
import { DeploySettings } from '../src/deploy-settings.js';
import { RegistryStack } from '../src/stacks/registry-stack.js';
import { SeamStack } from '../src/stacks/seam-stack.js';
import { SystemPlan } from '../src/system-plan.js';
import { parseTopology, type Topology } from '../src/topology.js';

/** Synthesized Terraform JSON, read by key path in assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- its shape is whatever the provider writes
export type Json = any;

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export const FLAG_FILE = join(projectRoot(), 'terraform', 'appconfig', 'feature-flags.json');
export const DAGS_DIR = join(projectRoot(), 'terraform', 'mwaa', 'dags');
export const OPENAPI_FILE = join(projectRoot(), 'docs', 'openapi.json');

/** A topology for tests: the staging file with `change` applied on top. */
export function topology(change: (json: Record<string, Json>) => void = () => undefined): Topology {
  const json = JSON.parse(
    readFileSync(join(projectRoot(), 'terraform', 'topology', 'staging.json'), 'utf8'),
  ) as Record<string, Json>;
  change(json);
  return parseTopology(
    json,
    MODULES.map((entry) => entry.name),
  );
}

export function settings(env: Record<string, string> = {}): DeploySettings {
  return DeploySettings.fromEnv({
    SEAM_ENV: 'test',
    SEAM_AWS_ACCOUNT: ACCOUNT,
    AWS_REGION: REGION,
    SEAM_IMAGE_TAG: 'abc123',
    ...env,
  });
}

export function planFor(topology: Topology): SystemPlan {
  return SystemPlan.of({
    modules: MODULES,
    subscriptions: SUBSCRIPTIONS,
    workflows: workflowsOf(MODULES),
    topology,
  });
}

/** The Terraform JSON of a stack, with lookups by resource type. */
export class Synthesized {
  constructor(readonly json: TerraformJson) {}

  static of(stack: TerraformStack): Synthesized {
    return new Synthesized(JSON.parse(Testing.synth(stack)) as TerraformJson);
  }

  /** Every resource of a type, by its logical id. */
  resources(type: string): Record<string, Record<string, Json>> {
    return this.json.resource?.[type] ?? {};
  }

  list(type: string): Record<string, Json>[] {
    return Object.values(this.resources(type));
  }

  one(type: string, match: (resource: Record<string, Json>) => boolean): Record<string, Json> {
    const found = this.list(type).filter(match);
    if (found.length !== 1) throw new Error(`Expected one ${type} matching, found ${found.length}`);
    return found[0]!;
  }

  /** `${aws_sqs_queue.<id>.arn}` for the resource of `type` matching. */
  reference(
    type: string,
    attribute: string,
    match: (resource: Record<string, Json>) => boolean,
  ): string {
    const entry = Object.entries(this.resources(type)).filter(([, resource]) => match(resource));
    if (entry.length !== 1) throw new Error(`Expected one ${type} matching, found ${entry.length}`);
    return `\${${type}.${entry[0]![0]}.${attribute}}`;
  }

  /** Every IAM policy document: role policies, queue policies; parsed. */
  policies(): { id: string; document: PolicyDocument }[] {
    return ['aws_iam_role_policy', 'aws_sqs_queue_policy'].flatMap((type) =>
      Object.entries(this.resources(type)).map(([id, resource]) => ({
        id: `${type}.${id}`,
        document: JSON.parse(resource.policy as string) as PolicyDocument,
      })),
    );
  }

  /** The parsed policy of the role a service's task runs with. */
  taskPolicy(service: string): PolicyDocument {
    const role = this.reference('aws_iam_role', 'id', (r) => r.name === `seam-test-${service}`);
    const policy = this.one('aws_iam_role_policy', (r) => r.role === role);
    return JSON.parse(policy.policy as string) as PolicyDocument;
  }
}

export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, Json>>>;
  readonly data?: Record<string, Record<string, Record<string, Json>>>;
  readonly terraform?: Record<string, Json>;
  readonly output?: Record<string, Json>;
}

export interface PolicyDocument {
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: string;
    readonly Action: readonly string[];
    readonly Resource?: readonly string[];
    readonly NotResource?: readonly string[];
    readonly Principal?: unknown;
    readonly Condition?: unknown;
  }[];
}

/** Synthesizes both stacks of an environment. */
export function synthesize(
  options: {
    topology?: Topology;
    env?: Record<string, string>;
    flagDocument?: string;
    openApiDocument?: string;
  } = {},
) {
  const deploy = settings(options.env);
  const chosen = options.topology ?? topology();
  const app = Testing.app();
  const registry = new RegistryStack(app, `${deploy.prefix}-registry`, deploy);
  const main = new SeamStack(app, deploy.prefix, {
    settings: deploy,
    topology: chosen,
    plan: planFor(chosen),
    flagDocument: options.flagDocument ?? readFileSync(FLAG_FILE, 'utf8'),
    dagsDir: DAGS_DIR,
    openApiDocument: options.openApiDocument ?? readFileSync(OPENAPI_FILE, 'utf8'),
  });
  return { main: Synthesized.of(main), registry: Synthesized.of(registry), stack: main };
}
