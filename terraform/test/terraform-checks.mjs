/* global process, console */
/* eslint-disable no-console -- a command-line check: it reports on the console */
// `npm run test:infra`: Terraform's own checks on the synthesized stacks, offline. For staging
// and production it synthesizes both stacks (as `npm run synth` does: the built cdktf app),
// then in a scratch copy of each runs `terraform init` (the AWS provider from the filesystem
// mirror /opt/tf-plugins), `terraform validate` and `terraform test` with the *.tftest.hcl of
// terraform/test/terraform/ for that stack (`seam.tftest.hcl` + `seam.<env>.tftest.hcl`,
// `registry.tftest.hcl`), all with a mocked AWS provider. Exits non-zero on any failure.
//
// Environment: SEAM_TF_MIRROR (default /opt/tf-plugins), SEAM_TF_PROVIDER_VERSION (default: the
// only version in the mirror; the stacks pin cdktf's provider version, which the copy replaces).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const testsDir = join(here, 'terraform');
const mirror = process.env.SEAM_TF_MIRROR ?? '/opt/tf-plugins';
const providerDir = join(mirror, 'registry.terraform.io', 'hashicorp', 'aws');
const environments = ['staging', 'production'];

if (spawnSync('terraform', ['version'], { stdio: 'ignore' }).error) {
  console.error('test:infra: no `terraform` on PATH: the Terraform checks did NOT run');
  process.exit(2);
}
if (!existsSync(providerDir)) {
  console.error(
    `test:infra: no AWS provider mirror at ${providerDir}: the Terraform checks did NOT run`,
  );
  process.exit(2);
}
const providerVersion =
  process.env.SEAM_TF_PROVIDER_VERSION ?? readdirSync(providerDir).sort().at(-1);

const work = mkdtempSync(join(tmpdir(), 'seam-infra-'));
const cliConfig = join(work, 'terraform.rc');
writeFileSync(
  cliConfig,
  `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
`,
);
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: '1',
  TF_CLI_CONFIG_FILE: cliConfig,
  TF_IN_AUTOMATION: '1',
  TF_INPUT: '0',
};

function run(command, args, options) {
  const result = spawnSync(command, args, { env, encoding: 'utf8', ...options });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

const results = [];
for (const environment of environments) {
  const out = join(work, `synth-${environment}`);
  const synth = run(process.execPath, [join(root, 'dist', 'terraform', 'src', 'main.js')], {
    cwd: join(root, 'terraform'),
    env: {
      ...env,
      CDKTF_OUTDIR: out,
      SEAM_ENV: environment,
      SEAM_AWS_ACCOUNT: '123456789012',
      AWS_REGION: 'eu-west-1',
      SEAM_IMAGE_TAG: 'test-infra',
      SEAM_TF_STATE_BUCKET: '',
      SEAM_TF_LOCK_TABLE: '',
    },
  });
  if (!synth.ok) {
    results.push({ stack: `seam-${environment}`, step: 'synth', ok: false, output: synth.output });
    continue;
  }
  for (const stack of [`seam-${environment}`, `seam-${environment}-registry`]) {
    const kind = stack.endsWith('-registry') ? 'registry' : 'seam';
    const dir = join(work, stack);
    const json = JSON.parse(readFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    // No backend (state stays in the scratch directory); the provider the mirror has.
    delete json.terraform.backend;
    const pinned = json.terraform.required_providers.aws.version;
    json.terraform.required_providers.aws.version = providerVersion;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
    const tests = readdirSync(testsDir).filter(
      (file) => file === `${kind}.tftest.hcl` || file === `${kind}.${environment}.tftest.hcl`,
    );
    for (const file of tests) copyFileSync(join(testsDir, file), join(dir, file));
    mkdirSync(join(dir, 'mocks'));
    for (const file of readdirSync(join(testsDir, 'mocks')))
      copyFileSync(join(testsDir, 'mocks', file), join(dir, 'mocks', file));
    for (const [step, args] of [
      ['init', ['init', '-no-color', '-input=false']],
      ['validate', ['validate', '-no-color']],
      ['test', ['test', '-no-color']],
    ]) {
      const started = Date.now();
      const { ok, output } = run('terraform', args, { cwd: dir });
      const summary =
        step === 'test'
          ? (output.match(/(Success|Failure)! .*/)?.[0] ?? 'no summary')
          : ok
            ? 'ok'
            : 'failed';
      results.push({
        stack,
        step,
        ok,
        output,
        summary,
        seconds: (Date.now() - started) / 1000,
        pinned,
        tests,
      });
      if (!ok) break;
    }
  }
}

let failed = false;
for (const result of results) {
  if (!result.ok) {
    failed = true;
    console.error(`\n---- ${result.stack}: terraform ${result.step} FAILED ----\n${result.output}`);
  }
}
console.log(
  `\nTerraform checks (terraform ${run('terraform', ['version']).output.split('\n')[0].replace('Terraform ', '')}, hashicorp/aws ${providerVersion} from ${mirror}):`,
);
for (const result of results)
  console.log(
    `  ${result.ok ? 'ok  ' : 'FAIL'} ${result.stack.padEnd(28)} ${result.step.padEnd(8)} ${result.summary ?? ''}${result.step === 'test' ? ` (${result.tests.join(', ')})` : ''}`,
  );
const pinned = results.find((result) => result.pinned)?.pinned;
if (pinned && pinned !== providerVersion)
  console.log(
    `  note: the stacks pin hashicorp/aws ${pinned} (cdktf's provider); checked against ${providerVersion}, the mirror's`,
  );
if (failed) process.exitCode = 1;
else rmSync(work, { recursive: true, force: true });
