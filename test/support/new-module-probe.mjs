/* global process, URL, TextEncoder, fetch */
/**
 * Run inside a copy of the repository where `npm run module:new <name>` has made a module
 * (test/e2e/module-generator.spec.ts): `node test/support/new-module-probe.mjs <name> <adminUrl>`.
 * Migrates every module into the empty database at <adminUrl>, starts the app as
 * `npm start` builds it, calls the new module over the bus and over HTTP, looks for its schema
 * and role, reads its route flag, and synthesizes the infrastructure with it extracted.
 * Prints what it saw as one JSON line; the spec asserts on it.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { Testing } from 'cdktf';
import pg from 'pg';
import { MODULES, SUBSCRIPTIONS } from '#monolith/modules';
import { MonolithModule } from '#monolith/monolith.module';
import { projectRoot } from '#platform/config';
import { FlagDocument, FlagsOptions } from '#platform/flags';
import { AuthOptions, issueDevToken } from '#platform/http';
import { MessagingModule, ModuleBus } from '#platform/messaging';
import { createRootLogger } from '#platform/observability';
import { DatabaseConnection, SchemaMigrator } from '#platform/persistence';
import { createSeamApplication, listenSeamApplication, workflowsOf } from '#platform/runtime';
import { WorkflowOptions } from '#platform/workflows';

const [name, adminUrl] = process.argv.slice(2);
const root = projectRoot();
const SECRET = 'seam-probe-signing-key-0123456789abcdef';
const seen = {};

const declaration = MODULES.find((entry) => entry.name === name);
seen.declared = declaration !== undefined;

// The flag document and the synthesized infrastructure, from the declarations.
const flagFile = join(root, 'terraform', 'appconfig', 'feature-flags.json');
seen.routeFlag = FlagDocument.load(flagFile).defaults[`route-${name}`];
seen.infrastructure = await synthesizedWith(name);

// The app, as `npm start` builds it, on the fresh database.
const logger = createRootLogger({ level: 'silent', service: 'probe' });
const database = new DatabaseConnection(new URL(adminUrl));
await new SchemaMigrator(database, logger).migrate(MODULES.map((entry) => entry.schema));

class Caller {}
Module({ imports: [MessagingModule.forModule('probe')] })(Caller);
class Root {}
Module({
  imports: [
    MonolithModule.register({
      logger,
      database,
      callTimeoutMs: 5000,
      auth: AuthOptions.forDevSecret(SECRET),
      writesPerMinute: 100_000,
      workflows: new WorkflowOptions('local'),
      flags: new FlagsOptions('file', flagFile),
    }),
    Caller,
  ],
})(Root);
const app = await createSeamApplication(Root, { title: 'probe' });
try {
  const { url } = await listenSeamApplication(app, { port: 0, host: '127.0.0.1', serveApi: true });
  const bus = app.select(Caller).get(ModuleBus);
  seen.recorded = await bus
    .to(declaration.contract)
    .send(`${name}.record-entry`, { id: 'e-1', label: '  First entry ' });
  seen.repeated = await bus
    .to(declaration.contract)
    .send(`${name}.record-entry`, { id: 'e-1', label: 'Another label' });
  seen.invalid = await bus
    .to(declaration.contract)
    .send(`${name}.record-entry`, { id: 'e 1', label: '' })
    .then(
      () => 'answered',
      (error) => error.code,
    );
  const token = await issueDevToken(new TextEncoder().encode(SECRET), {
    subject: 'ops',
    roles: ['admin'],
  });
  const get = async (id) => {
    const response = await fetch(`${url}/${name}/entries/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: await response.json() };
  };
  seen.http = await get('e-1');
  seen.httpMissing = await get('nope');
  seen.httpBadId = await get('bad%20id');
} finally {
  await app.close();
}

// What PostgreSQL holds for the module.
const client = new pg.Client({ connectionString: adminUrl });
await client.connect();
try {
  const { rows } = await client.query(
    `SELECT (SELECT r.rolname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner
              WHERE n.nspname = $1) AS schema_owner,
            (SELECT count(*)::int FROM pg_roles WHERE rolname = $2) AS roles,
            (SELECT count(*)::int FROM ${name}.entries) AS entries`,
    [name, `seam_${name}`],
  );
  seen.database = rows[0];
} finally {
  await client.end();
}

process.stdout.write(`${JSON.stringify(seen)}\n`);
process.exit(0);

/** The queues and the ECS service of the module in a synthesized environment that extracts it. */
async function synthesizedWith(module) {
  const dist = join(root, 'dist', 'terraform', 'src');
  const { DeploySettings } = await import(join(dist, 'deploy-settings.js'));
  const { SeamStack } = await import(join(dist, 'stacks', 'seam-stack.js'));
  const { SystemPlan } = await import(join(dist, 'system-plan.js'));
  const { parseTopology } = await import(join(dist, 'topology.js'));
  const json = JSON.parse(
    readFileSync(join(root, 'terraform', 'topology', 'staging.json'), 'utf8'),
  );
  json.services = { [module]: { cpu: 256, memory: 512, count: 1, maxCount: 2 } };
  const topology = parseTopology(
    json,
    MODULES.map((entry) => entry.name),
  );
  const settings = DeploySettings.fromEnv({
    SEAM_ENV: 'test',
    SEAM_AWS_ACCOUNT: '123456789012',
    AWS_REGION: 'eu-west-1',
    SEAM_IMAGE_TAG: 'abc123',
  });
  const stack = new SeamStack(Testing.app(), settings.prefix, {
    settings,
    topology,
    plan: SystemPlan.of({
      modules: MODULES,
      subscriptions: SUBSCRIPTIONS,
      workflows: workflowsOf(MODULES),
      topology,
    }),
    flagDocument: readFileSync(flagFile, 'utf8'),
    dagsDir: join(root, 'terraform', 'mwaa', 'dags'),
    openApiDocument: readFileSync(join(root, 'docs', 'openapi.json'), 'utf8'),
  });
  const resources = JSON.parse(Testing.synth(stack)).resource;
  const names = (type) => Object.values(resources[type] ?? {}).map((resource) => resource.name);
  return {
    queues: names('aws_sqs_queue').filter((queue) => queue.includes(module)),
    services: names('aws_ecs_service').filter((service) => service.includes(module)),
    hostedFlags:
      JSON.parse(
        Object.values(resources.aws_appconfig_hosted_configuration_version ?? {})[0]?.content ??
          '{"flags":{}}',
      ).flags[`route-${module}`] !== undefined,
  };
}
