/* global process, console */
/* eslint-disable no-console -- a command-line tool: it reports on the console */
// `npm run release -- <env> [--tag <tag>] [--dry-run] [--from <step>]`: one release of Seam to
// an environment (docs/deploy.md#release-a-new-version), in order:
//   registry    cdktf deploy seam-<env>-registry (the ECR repository; no change: no-op)
//   image       docker buildx build --platform linux/arm64,linux/amd64 --push (skipped when the
//               tag is already in ECR: tags are immutable)
//   migrate-task  synth, then terraform apply -target=aws_ecs_task_definition.migrate
//   migrate     run the migrate task and wait for it; fails when it fails
//   deploy      cdktf deploy seam-<env> (services roll out; ECS rolls back by itself)
//   storefront  upload the SPA (dist/apps/storefront) to its bucket and invalidate index.html
// Idempotent: every step may run again. Resumable: finished steps are recorded in
// terraform/.release/<env>-<tag>.json and skipped on the next run; `--from <step>` reruns from
// a step. `--dry-run` prints the commands and runs nothing.
// Environment: SEAM_AWS_ACCOUNT, AWS_REGION (and the optional SEAM_TF_* of docs/deploy.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STEPS = ['registry', 'image', 'migrate-task', 'migrate', 'deploy', 'storefront'];

function usage(message) {
  console.error(
    `${message}\nusage: npm run release -- <env> [--tag <tag>] [--dry-run] [--from <step>]`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const options = { dryRun: false, tag: undefined, from: undefined, env: undefined };
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--dry-run') options.dryRun = true;
  else if (arg === '--tag') options.tag = args[++i];
  else if (arg === '--from') options.from = args[++i];
  else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
  else if (options.env) usage(`one environment only, got ${options.env} and ${arg}`);
  else options.env = arg;
}
if (!options.env || !/^[a-z][a-z0-9-]{1,15}$/.test(options.env))
  usage('the environment: a topology file terraform/topology/<env>.json');
if (!existsSync(join(root, 'terraform', 'topology', `${options.env}.json`)))
  usage(`no topology file terraform/topology/${options.env}.json`);
if (options.from && !STEPS.includes(options.from)) usage(`--from: one of ${STEPS.join(', ')}`);

const account = process.env.SEAM_AWS_ACCOUNT ?? (options.dryRun ? '<account>' : undefined);
const region = process.env.AWS_REGION ?? (options.dryRun ? '<region>' : undefined);
if (!account || !region) usage('SEAM_AWS_ACCOUNT and AWS_REGION must be set');

const git = (...gitArgs) =>
  spawnSync('git', gitArgs, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
const tag = options.tag ?? git('rev-parse', '--short', 'HEAD');
if (!/^[\w][\w.-]{0,127}$/.test(tag)) usage(`not an image tag: ${tag}`);
if (!options.dryRun && !options.tag && git('status', '--porcelain', '--untracked-files=no'))
  usage('uncommitted changes: commit them (the tag is the commit) or pass --tag');

const env = options.env;
const prefix = `seam-${env}`;
const registry = `${account}.dkr.ecr.${region}.amazonaws.com`;
const image = `${registry}/${prefix}:${tag}`;
const stackDir = `terraform/cdktf.out/stacks/${prefix}`;
// Where `npm run build` bundles the SPA (apps/storefront/vite.config.ts).
const storefrontDir = 'dist/apps/storefront';
const bucket = `${prefix}-storefront-${account}`;

/** Each step: its shell commands, and optionally a check that it has nothing to do. */
const plan = {
  registry: { commands: [`npm run deploy -- ${prefix}-registry --auto-approve`] },
  image: {
    skipIf: `aws ecr describe-images --repository-name ${prefix} --image-ids imageTag=${tag}`,
    commands: [
      `aws ecr get-login-password --region ${region} | docker login --username AWS --password-stdin ${registry}`,
      `docker buildx build --platform linux/arm64,linux/amd64 --tag ${image} --push .`,
    ],
  },
  'migrate-task': {
    commands: [
      'npm run synth',
      `terraform -chdir=${stackDir} init -input=false`,
      `terraform -chdir=${stackDir} apply -input=false -auto-approve -target=aws_ecs_task_definition.migrate`,
    ],
  },
  migrate: { commands: [`eval "$(terraform -chdir=${stackDir} output -raw migrate_command)"`] },
  deploy: { commands: [`npm run deploy -- ${prefix} --auto-approve`] },
  storefront: {
    // Without a built SPA (or with the storefront off) there is nothing to upload.
    skipIf: `test ! -d ${storefrontDir}`,
    commands: [
      // Hashed assets forever; index.html revalidated on every visit (docs/deploy.md).
      `aws s3 sync ${storefrontDir} s3://${bucket}/ --exclude index.html --cache-control "public,max-age=31536000,immutable"`,
      `aws s3 cp ${storefrontDir}/index.html s3://${bucket}/index.html --cache-control "no-cache"`,
      `aws cloudfront create-invalidation --distribution-id "$(terraform -chdir=${stackDir} output -raw storefront_distribution)" --paths /index.html`,
      // config.json is the stack's (how the SPA signs in): --delete must leave it.
      `aws s3 sync ${storefrontDir} s3://${bucket}/ --delete --exclude index.html --exclude config.json --cache-control "public,max-age=31536000,immutable"`,
    ],
  },
};

const progressFile = join(root, 'terraform', '.release', `${env}-${tag}.json`);
const done = new Set(
  existsSync(progressFile) ? JSON.parse(readFileSync(progressFile, 'utf8')).done : [],
);
if (options.from) for (const step of STEPS.slice(STEPS.indexOf(options.from))) done.delete(step);

const childEnv = { ...process.env, SEAM_ENV: env, SEAM_IMAGE_TAG: tag, CHECKPOINT_DISABLE: '1' };
const sh = (command, quiet = false) =>
  spawnSync('bash', ['-o', 'pipefail', '-c', command], {
    cwd: root,
    env: childEnv,
    stdio: quiet ? 'ignore' : 'inherit',
  }).status === 0;

console.log(`release ${prefix} image ${image}${options.dryRun ? ' (dry run: nothing runs)' : ''}`);
for (const [index, step] of STEPS.entries()) {
  const { commands, skipIf } = plan[step];
  const header = `[${index + 1}/${STEPS.length}] ${step}`;
  if (done.has(step)) {
    console.log(`${header}: done in an earlier run (rerun with --from ${step})`);
    continue;
  }
  if (options.dryRun) {
    console.log(`${header}${skipIf ? ` (skipped when: ${skipIf})` : ''}`);
    for (const command of commands) console.log(`  $ ${command}`);
    continue;
  }
  console.log(header);
  if (skipIf && sh(skipIf, true)) console.log('  nothing to do');
  else
    for (const command of commands) {
      console.log(`  $ ${command}`);
      if (!sh(command)) {
        console.error(
          `${step} failed. Fix the cause and run the same command again: finished steps are skipped.`,
        );
        process.exit(1);
      }
    }
  done.add(step);
  mkdirSync(dirname(progressFile), { recursive: true });
  writeFileSync(progressFile, JSON.stringify({ env, tag, done: [...done] }, null, 2));
}
if (!options.dryRun) console.log(`released ${tag} to ${prefix}`);
