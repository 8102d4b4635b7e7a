import { Construct } from 'constructs';
import type { QueueNames } from '#platform/messaging';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy/index.js';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy/index.js';
import { SqsQueueRedrivePolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-policy/index.js';
import type { EventRoute, SystemPlan } from '../system-plan.js';
import type { Topology } from '../topology.js';
import { policyDocument } from './iam.js';

/** A module's command queue and the dead-letter queue behind it. */
export interface ModuleQueues {
  readonly queue: SqsQueue;
  readonly deadLetters: SqsQueue;
}

/**
 * The SNS filter of a subscriber's subscription: the patterns it handles, addressed to it. The
 * code publishes one copy per remote subscriber, with `seam-subscriber` naming it (subscribers
 * served in the same process get theirs in process), so each copy reaches one queue.
 */
export function subscriptionFilter(route: EventRoute): Record<string, string[]> {
  return { 'seam-pattern': [...route.patterns], 'seam-subscriber': [route.subscriber] };
}

/**
 * Every module's command queue (requests, events, workflow tasks) with its DLQ, named as the
 * code names them (`<prefix><module>`, `<prefix><module>-dlq`), encrypted with SQS-managed
 * keys; redrive is a resource of its own, so queue and DLQ can be replaced independently. Each
 * module that publishes events has an SNS topic `<prefix><module>-events`; every subscriber's
 * queue subscribes with raw delivery and a filter (see {@link subscriptionFilter}).
 */
export class Messaging extends Construct {
  readonly queues: ReadonlyMap<string, ModuleQueues>;
  readonly topics: ReadonlyMap<string, SnsTopic>;

  constructor(
    scope: Construct,
    id: string,
    props: { names: QueueNames; plan: SystemPlan; messaging: Topology['messaging'] },
  ) {
    super(scope, id);
    const { names, plan, messaging } = props;
    const queues = new Map<string, ModuleQueues>();
    for (const { name } of plan.modules) {
      const deadLetters = new SqsQueue(this, `${name}-dlq`, {
        name: names.deadLetters(name),
        messageRetentionSeconds: 14 * 24 * 3600,
        sqsManagedSseEnabled: true,
      });
      const queue = new SqsQueue(this, `${name}-queue`, {
        name: names.command(name),
        visibilityTimeoutSeconds: messaging.visibilityTimeoutSeconds,
        receiveWaitTimeSeconds: 20,
        messageRetentionSeconds: 4 * 24 * 3600,
        sqsManagedSseEnabled: true,
      });
      new SqsQueueRedrivePolicy(this, `${name}-redrive`, {
        queueUrl: queue.url,
        redrivePolicy: JSON.stringify({
          deadLetterTargetArn: deadLetters.arn,
          maxReceiveCount: messaging.maxReceiveCount,
        }),
      });
      new SqsQueueRedriveAllowPolicy(this, `${name}-dlq-redrive-allow`, {
        queueUrl: deadLetters.url,
        redriveAllowPolicy: JSON.stringify({
          redrivePermission: 'byQueue',
          sourceQueueArns: [queue.arn],
        }),
      });
      queues.set(name, { queue, deadLetters });
    }
    this.queues = queues;

    const topics = new Map<string, SnsTopic>();
    for (const publisher of plan.publishers)
      topics.set(
        publisher,
        new SnsTopic(this, `${publisher}-events`, {
          name: names.eventTopic(publisher),
          kmsMasterKeyId: 'alias/aws/sns',
        }),
      );
    this.topics = topics;

    for (const route of plan.events) {
      new SnsTopicSubscription(this, `${route.publisher}-to-${route.subscriber}`, {
        topicArn: topics.get(route.publisher)!.arn,
        protocol: 'sqs',
        endpoint: this.queue(route.subscriber).arn,
        rawMessageDelivery: true,
        filterPolicyScope: 'MessageAttributes',
        filterPolicy: JSON.stringify(subscriptionFilter(route)),
      });
    }
    for (const { name } of plan.modules) {
      const publishers = plan.events
        .filter((route) => route.subscriber === name)
        .map((route) => topics.get(route.publisher)!.arn);
      if (publishers.length === 0) continue;
      new SqsQueuePolicy(this, `${name}-queue-policy`, {
        queueUrl: this.queue(name).url,
        policy: policyDocument([
          {
            Sid: 'EventsFromPublisherTopics',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: ['sqs:SendMessage'],
            Resource: [this.queue(name).arn],
            Condition: { ArnEquals: { 'aws:SourceArn': publishers } },
          },
        ]),
      });
    }
  }

  queue(module: string): SqsQueue {
    const entry = this.queues.get(module);
    if (!entry) throw new Error(`No queue for module "${module}"`);
    return entry.queue;
  }

  deadLetters(module: string): SqsQueue {
    return this.queues.get(module)!.deadLetters;
  }
}
