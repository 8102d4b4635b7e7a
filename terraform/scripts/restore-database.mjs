/* global process, console */
/* eslint-disable no-console -- a command-line tool: it reports on the console */
// `npm run restore-db -- <env> (--to <ISO-8601 time> | --latest) [--target <cluster id>]
//  [--cutover] [--dry-run]`: point-in-time restore of an environment's Aurora cluster into a
// NEW cluster (docs/deploy.md#disaster-recovery). Steps:
//   1. aws rds restore-db-cluster-to-point-in-time (same subnets, security group, encryption,
//      Serverless v2 capacity of the source) → <target>, default seam-<env>-restored
//   2. wait for the cluster; 3. add a db.serverless writer, never public; 4. wait for it
//   5. print the restored endpoint
//   with --cutover, then: rename the damaged cluster and its writer out of the way
//   (seam-<env>-replaced…) and the restored ones to seam-<env> / seam-<env>-1: the cluster
//   endpoint's host name (and so every module secret and DATABASE_URL) stays the same.
// `--dry-run` prints the commands and runs nothing. Needs the AWS CLI and AWS_REGION.
import { spawnSync } from 'node:child_process';

function usage(message) {
  console.error(
    `${message}\nusage: npm run restore-db -- <env> (--to <ISO-8601 time> | --latest) [--target <id>] [--cutover] [--dry-run]`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const options = { dryRun: false, cutover: false, latest: false };
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--dry-run') options.dryRun = true;
  else if (arg === '--cutover') options.cutover = true;
  else if (arg === '--latest') options.latest = true;
  else if (arg === '--to') options.to = args[++i];
  else if (arg === '--target') options.target = args[++i];
  else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
  else if (options.env) usage(`one environment only, got ${options.env} and ${arg}`);
  else options.env = arg;
}
if (!options.env || !/^[a-z][a-z0-9-]{1,15}$/.test(options.env)) usage('the environment');
if (options.latest === (options.to !== undefined)) usage('either --to <time> or --latest');
if (options.to && Number.isNaN(Date.parse(options.to)))
  usage(`--to: an ISO-8601 time such as 2026-12-04T10:15:00Z, got ${options.to}`);
const region = process.env.AWS_REGION ?? (options.dryRun ? '<region>' : undefined);
if (!region) usage('AWS_REGION must be set');

const source = `seam-${options.env}`;
const target = options.target ?? `${source}-restored`;
if (!/^[a-z][a-z0-9-]{0,62}$/.test(target) || target === source)
  usage(`--target: a new cluster identifier, not ${source}`);
const writer = `${target}-1`;
const when = options.latest
  ? '--use-latest-restorable-time'
  : `--restore-to-time ${new Date(options.to).toISOString()}`;
const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');

const commands = [
  // The source's network and capacity, looked up at run time (Terraform named them).
  `sg=$(aws ec2 describe-security-groups --filters Name=group-name,Values=${source}-database --query 'SecurityGroups[0].GroupId' --output text)`,
  `capacity=$(aws rds describe-db-clusters --db-cluster-identifier ${source} --query 'DBClusters[0].ServerlessV2ScalingConfiguration.[MinCapacity,MaxCapacity]' --output text | awk '{print "MinCapacity="$1",MaxCapacity="$2}')`,
  `aws rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier ${source} --db-cluster-identifier ${target} ${when} --db-subnet-group-name ${source} --vpc-security-group-ids "$sg" --serverless-v2-scaling-configuration "$capacity" --enable-cloudwatch-logs-exports postgresql --copy-tags-to-snapshot --deletion-protection`,
  `aws rds wait db-cluster-available --db-cluster-identifier ${target}`,
  `aws rds create-db-instance --db-instance-identifier ${writer} --db-cluster-identifier ${target} --db-instance-class db.serverless --engine aurora-postgresql --no-publicly-accessible`,
  `aws rds wait db-instance-available --db-instance-identifier ${writer}`,
  `aws rds describe-db-clusters --db-cluster-identifier ${target} --query 'DBClusters[0].[Endpoint,EarliestRestorableTime,Status]' --output text`,
];
if (options.cutover)
  commands.push(
    // Stop writes first: every service to 0 tasks (autoscaling's minimum too) is in docs/deploy.md.
    // Every instance of the damaged cluster out of the way (the deploy adds the readers again).
    `for id in $(aws rds describe-db-clusters --db-cluster-identifier ${source} --query 'DBClusters[0].DBClusterMembers[].DBInstanceIdentifier' --output text); do aws rds modify-db-instance --db-instance-identifier "$id" --new-db-instance-identifier "\${id/${source}-/${source}-replaced-${stamp}-}" --apply-immediately; done`,
    `aws rds modify-db-cluster --db-cluster-identifier ${source} --new-db-cluster-identifier ${source}-replaced-${stamp} --apply-immediately`,
    `aws rds wait db-cluster-available --db-cluster-identifier ${source}-replaced-${stamp}`,
    `aws rds modify-db-cluster --db-cluster-identifier ${target} --new-db-cluster-identifier ${source} --apply-immediately`,
    `aws rds modify-db-instance --db-instance-identifier ${writer} --new-db-instance-identifier ${source}-1 --apply-immediately`,
    `aws rds wait db-cluster-available --db-cluster-identifier ${source}`,
  );

console.log(
  `restore ${source} ${options.latest ? 'at the latest restorable time' : `to ${new Date(options.to).toISOString()}`} into ${target}${options.cutover ? ', then cut over' : ''}${options.dryRun ? ' (dry run: nothing runs)' : ''}`,
);
for (const command of commands) console.log(`$ ${command}`);
if (!options.dryRun) {
  // One shell: the looked-up values ($sg, $capacity) carry over; the first failure stops it.
  const script = [
    'set -euo pipefail',
    ...commands.flatMap((c) => [`echo ${JSON.stringify(`>> ${c.slice(0, 60)}…`)}`, c]),
  ].join('\n');
  const result = spawnSync('bash', ['-c', script], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error('failed: the source cluster is untouched unless a cutover step ran');
    process.exit(1);
  }
}
