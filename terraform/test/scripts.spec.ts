import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '#platform/config';

/** The release and restore scripts cannot run here (no AWS): their dry runs are what is checked. */

const scripts = join(projectRoot(), 'terraform', 'scripts');

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(scripts, script), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', ...env },
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run release -- <env> --dry-run', () => {
  const { status, out } = run('release.mjs', ['staging', '--dry-run', '--tag', 'abc123'], {
    SEAM_AWS_ACCOUNT: '123456789012',
  });
  const lines = out.split('\n');
  const index = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));

  it('prints every step in order and runs nothing', () => {
    expect(status).toBe(0);
    expect(lines[0]).toBe(
      'release seam-staging image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/seam-staging:abc123 (dry run: nothing runs)',
    );
    const order = [
      /npm run deploy -- seam-staging-registry --auto-approve/,
      /docker buildx build --platform linux\/arm64,linux\/amd64 --tag 123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/seam-staging:abc123 --push \./,
      /apply .*-target=aws_ecs_task_definition\.migrate/,
      /eval "\$\(terraform -chdir=terraform\/cdktf\.out\/stacks\/seam-staging output -raw migrate_command\)"/,
      /npm run deploy -- seam-staging --auto-approve/,
      /aws s3 sync dist\/apps\/storefront s3:\/\/seam-staging-storefront-123456789012\//,
    ].map(index);
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("uploads what the build made and never deletes the stack's config.json", () => {
    expect(out).toContain('(skipped when: test ! -d dist/apps/storefront)');
    const deleting = lines.filter((line) => line.includes('--delete'));
    expect(deleting).toHaveLength(1);
    expect(deleting[0]).toMatch(/--exclude index\.html --exclude config\.json/);
  });

  it('skips an image already in ECR (resumable, tags are immutable)', () => {
    expect(out).toContain(
      '(skipped when: aws ecr describe-images --repository-name seam-staging --image-ids imageTag=abc123)',
    );
  });

  it('refuses an unknown environment or step', () => {
    expect(run('release.mjs', ['nowhere', '--dry-run']).status).toBe(2);
    expect(run('release.mjs', ['staging', '--dry-run', '--from', 'nothing']).err).toMatch(
      /--from: one of registry, image, migrate-task, migrate, deploy, storefront/,
    );
  });
});

describe('npm run restore-db -- <env> --dry-run', () => {
  it('restores to a point in time into a new cluster, then adds a private writer', () => {
    const { status, out } = run('restore-database.mjs', [
      'production',
      '--to',
      '2026-12-04T10:15:00Z',
      '--dry-run',
    ]);
    expect(status).toBe(0);
    expect(out).toContain(
      '$ aws rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier seam-production --db-cluster-identifier seam-production-restored --restore-to-time 2026-12-04T10:15:00.000Z --db-subnet-group-name seam-production --vpc-security-group-ids "$sg"',
    );
    expect(out).toMatch(
      /create-db-instance .*--db-instance-class db\.serverless .*--no-publicly-accessible/,
    );
    expect(out).not.toContain('modify-db-cluster');
  });

  it('cuts over by renaming, so the endpoint host name stays', () => {
    const { out } = run('restore-database.mjs', ['staging', '--latest', '--cutover', '--dry-run']);
    expect(out).toContain('--use-latest-restorable-time');
    expect(out).toMatch(
      /modify-db-cluster --db-cluster-identifier seam-staging-restored --new-db-cluster-identifier seam-staging --apply-immediately/,
    );
  });

  it('needs a time or --latest, and a new cluster id', () => {
    expect(run('restore-database.mjs', ['staging', '--dry-run']).status).toBe(2);
    expect(
      run('restore-database.mjs', ['staging', '--latest', '--target', 'seam-staging', '--dry-run'])
        .status,
    ).toBe(2);
  });
});
