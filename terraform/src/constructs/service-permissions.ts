import type { ServicePlan, SystemPlan } from '../system-plan.js';
import type { PolicyStatement } from './iam.js';

/** The ARNs a service's permissions are drawn from. */
export interface ResourceArns {
  queue(module: string): string;
  deadLetters(module: string): string;
  /** The SNS topic of a module's events. */
  topic(module: string): string;
  moduleSecret(module: string): string;
  stateMachine(workflow: string): string;
  /** Pattern of the reply queues the service's processes create (`<prefix>reply-<service>-*`). */
  readonly ownReplyQueues: string;
  /** Pattern of every reply queue (`<prefix>reply-*`): where answers to callers go. */
  readonly replyQueues: string;
  /** The AppConfig environment/profile the flags are read from. */
  readonly flagConfiguration: string;
}

/**
 * What a service's task role may do, and nothing more: poll the queues it consumes and park bad
 * messages in their DLQs; send requests to the modules it may call remotely; publish the events
 * of the modules it holds to their topics; use its own reply queues; read its modules' database
 * secrets and the flag profile; and, as a worker, start the workflows its modules own and answer
 * the workflow tasks sent to the queues it consumes.
 */
export function servicePermissions(
  plan: SystemPlan,
  service: ServicePlan,
  arns: ResourceArns,
): PolicyStatement[] {
  const hosts = (module: string) => service.modules.includes(module);
  const callable = plan.modules
    .filter((module) => module.callable && (!service.dedicated || !hosts(module.name)))
    .map((module) => module.name);
  const publishers = plan.publishers.filter(hosts);
  const worker = service.role === 'worker';
  const sweepsReplyQueues = worker && !service.dedicated;
  const answersTasks = plan.workflows.filter((workflow) =>
    workflow.taskModules.some((module) => service.consumes.includes(module)),
  );
  const startsWorkflows = plan.workflows.filter((workflow) => hosts(workflow.owner));
  return [
    {
      Sid: 'ConsumeOwnQueues',
      Action: [
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
      ],
      Resource: service.consumes.map(arns.queue),
    },
    {
      Sid: 'ParkInOwnDeadLetterQueues',
      Action: ['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
      Resource: service.consumes.map(arns.deadLetters),
    },
    {
      Sid: 'SendRequestsToModules',
      Action: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
      Resource: callable.map(arns.queue),
    },
    {
      Sid: 'PublishOwnEvents',
      Action: ['sns:Publish'],
      Resource: publishers.map(arns.topic),
    },
    {
      // Only its own: another service's replies are not for it to read or delete.
      Sid: 'OwnReplyQueues',
      Action: [
        'sqs:CreateQueue',
        'sqs:DeleteQueue',
        'sqs:GetQueueUrl',
        'sqs:GetQueueAttributes',
        'sqs:SetQueueAttributes',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:SendMessage',
        // The heartbeat tag, set when it is created and renewed every minute.
        'sqs:TagQueue',
      ],
      Resource: [arns.ownReplyQueues],
    },
    {
      // The monolith's workers delete reply queues whose process died (ReplyQueueJanitor).
      Sid: 'SweepDeadReplyQueues',
      Action: ['sqs:ListQueueTags', 'sqs:GetQueueAttributes', 'sqs:DeleteQueue'],
      Resource: sweepsReplyQueues ? [arns.replyQueues] : [],
    },
    {
      Sid: 'ListReplyQueues',
      Action: ['sqs:ListQueues'],
      Resource: sweepsReplyQueues ? ['*'] : [],
    },
    {
      // A consumer answers whoever called (any service) at the queue
      // URL the request names: send only.
      Sid: 'AnswerCallers',
      Action: ['sqs:SendMessage'],
      Resource: service.consumes.length > 0 ? [arns.replyQueues] : [],
    },
    {
      Sid: 'ReadOwnDatabaseSecrets',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: service.modules.map(arns.moduleSecret),
    },
    {
      Sid: 'ReadFeatureFlags',
      Action: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'],
      Resource: [arns.flagConfiguration],
    },
    {
      Sid: 'StartOwnWorkflows',
      Action: ['states:StartExecution'],
      Resource: worker ? startsWorkflows.map((workflow) => arns.stateMachine(workflow.name)) : [],
    },
    {
      Sid: 'AnswerWorkflowTasks',
      Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      Resource: answersTasks.map((workflow) => arns.stateMachine(workflow.name)),
    },
  ];
}
