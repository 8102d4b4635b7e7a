import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger, type Provider } from '@nestjs/common';
import { FeatureFlags } from '#platform/flags';
import { Metrics } from '#platform/observability';
import type { PatternKind } from '../contract.js';
import { InProcessClient } from '../in-process/in-process.client.js';
import { MessagingOptions, TransportServers, type RemoteTransport } from '../messaging.module.js';
import { ModuleRouter } from '../module-router.js';
import { FlagModuleRouter, type RouteTable } from '../routing/flag-module-router.js';
import { RemoteCalls } from '../routing/remote-calls.js';
import { ReplyQueueJanitor } from './reply-queue-janitor.js';
import { SqsQueueAdmin } from './sqs-queue-admin.js';
import { SqsQueues } from './sqs-queues.js';
import { SqsTransportServer } from './sqs-transport.server.js';
import { SqsClient } from './sqs.client.js';

/**
 * The SQS transport's providers: the router that sends each call in process or over SQS as the
 * flags say, the consumer of this process's module queues, and their clients. Imported by
 * `MessagingModule.forRoot` only when a process has a remote transport.
 */
export function sqsTransportProviders(
  remote: RemoteTransport,
  options: MessagingOptions,
): Provider[] {
  const logger = new Logger('ModuleRouter');
  const kinds = new Map<string, PatternKind>(
    remote.contracts.flatMap((contract) =>
      Object.entries(contract.patterns).map(([pattern, definition]) => [pattern, definition.kind]),
    ),
  );
  return [
    // Region, credentials and endpoint come from the SDK's own chain (AWS_REGION, AWS_ENDPOINT_URL_SQS, ...).
    { provide: SQSClient, useFactory: () => new SQSClient({}) },
    // Only when events go through SNS topics (SEAM_SNS_TOPIC_ARN_PREFIX); endpoint from AWS_ENDPOINT_URL_SNS.
    {
      provide: SNSClient,
      useFactory: () => (remote.sqs.eventTopicArnPrefix ? new SNSClient({}) : undefined),
    },
    {
      provide: SqsQueues,
      useFactory: (sqs: SQSClient) => new SqsQueues(sqs, remote.sqs),
      inject: [SQSClient],
    },
    {
      provide: SqsClient,
      useFactory: (sqs: SQSClient, queues: SqsQueues, sns: SNSClient | undefined) =>
        new SqsClient(sqs, queues, remote.sqs, sns),
      inject: [SQSClient, SqsQueues, SNSClient],
    },
    {
      provide: RemoteCalls,
      useFactory: (client: SqsClient, metrics: Metrics) =>
        new RemoteCalls(client, remote.breakers, metrics, logger),
      inject: [SqsClient, Metrics],
    },
    {
      provide: ModuleRouter,
      useFactory: (
        local: InProcessClient,
        client: SqsClient,
        calls: RemoteCalls,
        flags: FeatureFlags,
        metrics: Metrics,
      ) =>
        new FlagModuleRouter(
          local,
          client,
          calls,
          routeTableOf(flags),
          remote.placement,
          remote.subscriptions,
          (pattern) => kinds.get(pattern),
          metrics,
          logger,
        ),
      inject: [InProcessClient, SqsClient, RemoteCalls, FeatureFlags, Metrics],
    },
    {
      provide: SqsTransportServer,
      useFactory: (sqs: SQSClient, queues: SqsQueues, flags: FeatureFlags) => {
        const routes = routeTableOf(flags);
        // A module service consumes its modules' queues; the monolith consumes a module's
        // queue only while that module is routed `local` (otherwise its service does).
        const consumes = (module: string) =>
          options.backgroundWork &&
          (remote.placement.dedicated || routes.routeOf(module).mode === 'local');
        const server = new SqsTransportServer(sqs, queues, remote.sqs, () =>
          [...remote.placement.hosted].filter(consumes),
        );
        flags.onChange(() => {
          for (const module of remote.placement.hosted)
            (consumes(module) ? server.consume(module) : server.stopConsuming(module)).catch(
              (error: unknown) =>
                // The next flag change tries again; meanwhile the module's service still serves.
                logger.error({ err: error, module }, 'Changing which queues are consumed failed'),
            );
        });
        return server;
      },
      inject: [SQSClient, SqsQueues, FeatureFlags],
    },
    {
      provide: TransportServers,
      useFactory: (
        server: SqsTransportServer,
        calls: RemoteCalls,
        client: SqsClient,
        sqs: SQSClient,
        queues: SqsQueues,
      ) =>
        new TransportServers(
          server,
          calls,
          client,
          // One kind of process sweeps (and holds the permission to): the monolith's workers.
          options.backgroundWork && !remote.placement.dedicated
            ? new ReplyQueueJanitor(
                sqs,
                `${remote.sqs.queuePrefix}reply-`,
                queues.replyQueueName(),
                new Logger(ReplyQueueJanitor.name),
              )
            : undefined,
          new SqsQueueAdmin(sqs, queues),
        ),
      inject: [SqsTransportServer, RemoteCalls, SqsClient, SQSClient, SqsQueues],
    },
  ];
}

function routeTableOf(flags: FeatureFlags): RouteTable {
  return {
    routeOf: (module) => flags.route(module),
  };
}
