import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ProcessOptions } from '#monolith/process-options';
import { MODULES } from '#monolith/modules';
import { ConfigError, SeamConfig } from '#platform/config';
import { FlagsOptions } from '#platform/flags';
import { SqsOptions } from '#platform/messaging';
import { SecretsOptions } from '#platform/secrets';
import { WorkflowOptions } from '#platform/workflows';
import { RDS_CA_FILE } from '../src/constructs/services.js';
import { DeploySettings } from '../src/deploy-settings.js';
import { parseTopology } from '../src/topology.js';
import { synthesize, topology, type Json } from './synthesized.js';

const modules = MODULES.map((entry) => entry.name);

/** A container's environment with Terraform references replaced by plausible values. */
function resolvedEnvironment(containerDefinitions: string): Record<string, string> {
  const [container] = JSON.parse(containerDefinitions) as {
    environment: { name: string; value: string }[];
  }[];
  return Object.fromEntries(
    container!.environment.map(({ name, value }) => [
      name,
      value.replace(/\$\{[^}]+\}/g, (reference) =>
        reference.includes('endpoint') ? 'seam.cluster-abc.eu-west-1.rds.amazonaws.com' : 'abc1234',
      ),
    ]),
  );
}

describe('the environment each service starts with', () => {
  const { main } = synthesize();
  const tasks = Object.fromEntries(
    main
      .list('aws_ecs_task_definition')
      .filter((task) => task.family !== 'seam-test-migrate')
      .map((task) => [task.family as string, task.container_definitions as string]),
  );
  // The CA bundle is in the image; here a stand-in file at another path.
  const caFile = join(mkdtempSync(join(tmpdir(), 'seam-ca-')), 'bundle.pem');
  writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n');

  it('is accepted by the code’s own option parsers, and makes the process what the plan says', () => {
    expect(Object.keys(tasks).sort()).toEqual([
      'seam-test-monolith-web',
      'seam-test-monolith-worker',
      'seam-test-payments',
    ]);
    for (const [family, definitions] of Object.entries(tasks)) {
      const env = resolvedEnvironment(definitions);
      expect(env.SEAM_DB_CA_FILE).toBe(RDS_CA_FILE);
      const config = SeamConfig.fromEnv({ ...env, SEAM_DB_CA_FILE: caFile });
      expect(config.databaseUrl?.hostname).toBe('seam.cluster-abc.eu-west-1.rds.amazonaws.com');
      expect(config.databaseUrl?.searchParams.get('sslmode')).toBe('verify-full');
      expect(config.migrateOnStart).toBe(false);
      expect(SecretsOptions.fromEnv(env).describe()).toMatchObject({ source: 'secretsmanager' });
      const flags = FlagsOptions.fromEnv(env);
      expect(flags.source).toBe('appconfig');
      expect(flags.appConfig).toEqual({
        application: 'abc1234',
        environment: 'abc1234',
        profile: 'abc1234',
      });
      const workflows = WorkflowOptions.fromEnv(env);
      expect(workflows.engine).toBe('stepfunctions');
      expect(workflows.queueUrl('payments')).toBe(
        'https://sqs.eu-west-1.amazonaws.com/123456789012/seam-test-payments',
      );
      const sqs = SqsOptions.fromEnv(env)!;
      expect(sqs).toMatchObject({ queuePrefix: 'seam-test-', createQueues: false });
      // Reply queues carry the service's name: its task role may use only those.
      expect(sqs.replyGroup).toBe(family.replace('seam-test-', ''));
      const process = ProcessOptions.fromEnv(env);
      if (family === 'seam-test-payments') {
        expect(process.service).toBe('payments');
        expect(process.role).toBe('worker');
      } else {
        expect(process.service).toBe('monolith');
        expect(process.role).toBe(family.endsWith('web') ? 'web' : 'worker');
      }
    }
  });

  it('names state machines the way the Step Functions engine looks them up', () => {
    const env = resolvedEnvironment(tasks['seam-test-monolith-worker']!);
    const machines = main.list('aws_sfn_state_machine').map((machine) => machine.name);
    expect(machines.sort()).toEqual([
      'seam-test-order-fulfilment',
      'seam-test-payments-reconciliation',
    ]);
    for (const workflow of ['order-fulfilment', 'payments-reconciliation'])
      expect(`${env.SEAM_STATE_MACHINE_ARN_PREFIX}${workflow}`).toBe(
        `arn:aws:states:eu-west-1:123456789012:stateMachine:seam-test-${workflow}`,
      );
  });

  it('gives services no admin login: no secret, no user in DATABASE_URL', () => {
    for (const definitions of Object.values(tasks)) {
      const [container] = JSON.parse(definitions) as {
        secrets?: unknown[];
        environment: { name: string; value: string }[];
      }[];
      expect(container!.secrets).toBeUndefined();
      const names = container!.environment.map((e) => e.name);
      expect(names).not.toContain('PGPASSWORD');
      expect(container!.environment.find((e) => e.name === 'DATABASE_URL')!.value).toMatch(
        /^postgres:\/\/\$\{aws_rds_cluster\.[\w-]+\.endpoint\}:5432\/seam$/,
      );
    }
  });

  it('hands the admin password to the migrate task only, as a secret', () => {
    const migrate = main.one('aws_ecs_task_definition', (t) => t.family === 'seam-test-migrate');
    const [container] = JSON.parse(migrate.container_definitions as string) as {
      command: string[];
      secrets: unknown[];
      environment: { name: string; value: string }[];
    }[];
    expect(container!.command).toEqual(['node', 'dist/apps/monolith/src/migrate.js']);
    expect(container!.secrets).toEqual([
      { name: 'PGPASSWORD', valueFrom: expect.stringMatching(/master_user_secret.*:password::$/) },
    ]);
    const env = resolvedEnvironment(migrate.container_definitions as string);
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/seam_admin@/);
    expect(SecretsOptions.fromEnv(env).describe()).toMatchObject({ source: 'secretsmanager' });
    const config = SeamConfig.fromEnv({ ...env, SEAM_DB_CA_FILE: caFile });
    expect(config.migrateOnStart).toBe(true);
  });
});

describe('deploy settings', () => {
  const valid = {
    SEAM_ENV: 'prod',
    SEAM_AWS_ACCOUNT: '123456789012',
    AWS_REGION: 'eu-west-1',
    SEAM_IMAGE_TAG: 'v1.2.3',
  };

  it('name the missing or malformed variable and what it should be', () => {
    expect(() => DeploySettings.fromEnv({ ...valid, SEAM_AWS_ACCOUNT: '1234' })).toThrow(
      'Invalid configuration SEAM_AWS_ACCOUNT: expected a 12-digit AWS account id, got "1234"',
    );
    expect(() =>
      DeploySettings.fromEnv({ ...valid, SEAM_IMAGE_TAG: undefined as unknown as string }),
    ).toThrow(/SEAM_IMAGE_TAG: expected the image tag pushed to ECR.*got nothing/);
    expect(() => DeploySettings.fromEnv({ ...valid, SEAM_ENV: 'Prod!' })).toThrow(/SEAM_ENV/);
    expect(() => DeploySettings.fromEnv({ ...valid, SEAM_TF_LOCK_TABLE: 'locks' })).toThrow(
      /SEAM_TF_STATE_BUCKET/,
    );
    expect(DeploySettings.fromEnv(valid)).toMatchObject({
      prefix: 'seam-prod',
      backend: undefined,
    });
  });
});

describe('topology files', () => {
  const staging = () => JSON.parse(JSON.stringify(topology())) as Record<string, Json>;
  const parse = (change: (json: Record<string, Json>) => void) => {
    const json = { ...staging() };
    change(json);
    return () => parseTopology(json, modules, 'topology/x.json');
  };

  it('reject what is wrong, naming the key and the expected shape', () => {
    expect(
      parse((t) => (t.services = { billing: { cpu: 256, memory: 512, count: 1, maxCount: 1 } })),
    ).toThrow(
      new ConfigError(
        'topology/x.json: services.billing',
        `one of the registered modules (${modules.join(', ')})`,
        'billing',
      ),
    );
    expect(parse((t) => (t.monolith.web.cpu = 300))).toThrow(
      'Invalid configuration topology/x.json.monolith.web.cpu: expected one of 256, 512, 1024, 2048, 4096, got "300"',
    );
    expect(parse((t) => (t.monolith.web.memory = 512))).toThrow(
      /monolith\.web\.memory: expected a whole number from 1024 to 4096/,
    );
    expect(parse((t) => (t.monolith.worker.maxCount = 0))).toThrow(/monolith\.worker\.maxCount/);
    expect(parse((t) => delete t.database)).toThrow(
      /topology\/x\.json\.database: expected an object, got nothing/,
    );
    expect(parse((t) => (t.network.cidr = '192.168.0.0/24'))).toThrow(
      /network\.cidr: expected a \/16/,
    );
    expect(parse((t) => (t.network.availabilityZones = 1))).toThrow(/availabilityZones/);
    expect(parse((t) => (t.frontDoor.kind = 'nginx'))).toThrow(
      /frontDoor\.kind: expected one of alb, apigateway, apprunner/,
    );
    expect(parse((t) => (t.observability.logRetentionDays = 10))).toThrow(/logRetentionDays/);
    const issuer = 'https://id.example.com';
    expect(
      parse((t) => (t.auth = { jwksUrl: 'http://insecure', issuer, audience: 'seam' })),
    ).toThrow(/auth\.jwksUrl: expected an https URL/);
    expect(
      parse(
        (t) =>
          (t.auth = {
            jwksUrl: `${issuer}/jwks`,
            issuer,
            audience: 'seam',
            storefrontScope: 'a  b',
          }),
      ),
    ).toThrow(/auth\.storefrontScope: expected space-separated OAuth scopes/);
  });

  it('that ship with the repository are valid', () => {
    for (const environment of ['staging', 'production'])
      expect(() => synthesize({ env: { SEAM_ENV: environment } })).not.toThrow();
  });
});

describe('the cdktf app (dist/terraform/src/main.js, what `cdktf synth` runs)', () => {
  const run = (env: Record<string, string>) => {
    const outdir = mkdtempSync(join(tmpdir(), 'seam-synth-'));
    const result = spawnSync(process.execPath, ['dist/terraform/src/main.js'], {
      env: { PATH: process.env.PATH, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', ...env },
      encoding: 'utf8',
    });
    return { ...result, outdir };
  };
  const settings = {
    SEAM_ENV: 'production',
    SEAM_AWS_ACCOUNT: '123456789012',
    AWS_REGION: 'eu-west-1',
    SEAM_IMAGE_TAG: 'v1',
  };

  it('writes both stacks of an environment', () => {
    const { status, outdir, stderr } = run(settings);
    expect(stderr).not.toMatch(/Error/);
    expect(status).toBe(0);
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual([
      'seam-production',
      'seam-production-registry',
    ]);
    const main = JSON.parse(
      readFileSync(join(outdir, 'stacks', 'seam-production', 'cdk.tf.json'), 'utf8'),
    ) as Json;
    expect(Object.keys(main.resource.aws_rds_cluster_instance)).toHaveLength(2);
    rmSync(outdir, { recursive: true, force: true });
  });

  it('exits 1 with the setting and what it expects, and writes nothing', () => {
    const { status, stderr, outdir } = run({ ...settings, SEAM_ENV: 'qa' });
    expect(status).toBe(1);
    expect(stderr).toContain(
      'Invalid configuration SEAM_ENV: expected an environment with a topology file terraform/topology/<env>.json, got "qa"',
    );
    expect(readdirSync(outdir)).toEqual([]);
    rmSync(outdir, { recursive: true, force: true });
  });
});
