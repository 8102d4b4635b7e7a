import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ConfigError } from '#platform/config';
import { FLAG_FILE, synthesize, topology, type Synthesized } from './synthesized.js';

/** `type.id` of every resource of a synthesized stack. */
const addresses = (synthesized: Synthesized) =>
  Object.entries(synthesized.json.resource ?? {}).flatMap(([type, resources]) =>
    Object.keys(resources).map((id) => `${type}.${id}`),
  );

describe('extracting a module in the topology file', () => {
  const routed = (module: string, mode: string) => {
    const document = JSON.parse(readFileSync(FLAG_FILE, 'utf8')) as {
      values: Record<string, { mode?: string }>;
    };
    document.values[`route-${module}`]!.mode = mode;
    return JSON.stringify(document);
  };

  it('refuses a flag that routes a module away from the monolith where no service of it runs', () => {
    const withoutService = topology((t) => (t.services = {}));
    for (const mode of ['shadow', 'canary', 'remote']) {
      const synthesizing = () =>
        synthesize({ topology: withoutService, flagDocument: routed('shipping', mode) });
      expect(synthesizing).toThrow(ConfigError);
      expect(synthesizing).toThrow(
        `Invalid configuration services.shipping in terraform/topology/test.json: expected a shipping service`,
      );
      expect(synthesizing).toThrow(`route-shipping is "${mode}"`);
    }
    const withService = topology(
      (t) => (t.services = { shipping: { cpu: 256, memory: 512, count: 1, maxCount: 2 } }),
    );
    const { main } = synthesize({
      topology: withService,
      flagDocument: routed('shipping', 'remote'),
    });
    expect(main.list('aws_ecs_service').map((s) => s.name)).toContain('shipping');
  });

  it('adds exactly its service, task, role, log group, scaling and breaker metric, and changes no queue', () => {
    const before = synthesize({ topology: topology((t) => (t.services = {})) }).main;
    const after = synthesize({
      topology: topology(
        (t) => (t.services = { shipping: { cpu: 256, memory: 512, count: 1, maxCount: 2 } }),
      ),
    }).main;
    const added = addresses(after).filter((address) => !addresses(before).includes(address));
    const removed = addresses(before).filter((address) => !addresses(after).includes(address));
    expect(removed).toEqual([]);
    expect(added.map((address) => address.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual(
      [
        'aws_appautoscaling_policy.compute_shipping-backlog',
        'aws_appautoscaling_target.compute_shipping-scaling',
        'aws_cloudwatch_log_group.observability_shipping-logs',
        'aws_cloudwatch_log_metric_filter.observability_shipping-breaker-opened',
        'aws_ecs_service.compute_shipping-service',
        'aws_ecs_task_definition.compute_shipping-task',
        'aws_iam_role.compute_shipping-task-role',
        'aws_iam_role_policy.compute_shipping-task-policy',
      ].sort(),
    );
    // Queues exist for every module already: Step Functions sends tasks to them, and the monolith
    // consumes them until the routing flag moves the module (docs/deploy.md).
    expect(after.list('aws_sqs_queue')).toEqual(before.list('aws_sqs_queue'));
    // The monolith worker stops scaling on the extracted module's queue (it may still poll it:
    // it does so whenever the routing flag says local).
    const scaledOn = (s: Synthesized) =>
      JSON.stringify(
        s.one('aws_appautoscaling_policy', (p) => p.name === 'seam-test-monolith-worker-backlog'),
      );
    const shippingQueue = after.reference(
      'aws_sqs_queue',
      'name',
      (q) => q.name === 'seam-test-shipping',
    );
    expect(scaledOn(before)).toContain(shippingQueue);
    expect(scaledOn(after)).not.toContain(shippingQueue);
  });
});
