import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError, EnvReader } from '#platform/config';
import { QueueNames } from './queue-names.js';

export const TRANSPORTS = ['in-process', 'sqs'] as const;

/**
 * How this process uses SQS; immutable, validated when built. The SDK finds region,
 * credentials and endpoint itself (`AWS_REGION`, `AWS_ENDPOINT_URL_SQS`, ...).
 *
 * @example
 * new SqsOptions({ queuePrefix: 'seam-local-', createQueues: true });
 */
export class SqsOptions {
  /** Queue names start with this: `<prefix><module>`, `<prefix><module>-dlq`, `<prefix>reply-<instance>`. */
  readonly queuePrefix: string;
  /** Messages one queue consumer handles at once. */
  readonly concurrency: number;
  /** Long-poll wait (0–20 s). */
  readonly waitTimeSeconds: number;
  /** How long a received message stays hidden; extended while its handler runs. */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before SQS moves a message to the module's DLQ. */
  readonly maxReceiveCount: number;
  /** Create missing queues at start-up (local); in AWS the infrastructure creates them. */
  readonly createQueues: boolean;
  /** Modules whose queues are FIFO (`<prefix><module>.fifo`), events grouped by aggregate id. */
  readonly fifoModules: ReadonlySet<string>;
  /** Names this process's reply queue. */
  readonly instanceId: string;
  /**
   * The deployable this process belongs to (in AWS: its ECS service), put in its reply queue's
   * name (`<prefix>reply-<group>-<instance>`) so IAM can scope each service to its own.
   */
  readonly replyGroup: string | undefined;
  /**
   * Events go through the publishing module's SNS topic, `<prefix><module>-events`, which
   * delivers them to the subscribers' queues; unset, each subscriber's queue is sent a copy.
   */
  readonly eventTopicArnPrefix: string | undefined;

  constructor(options: Partial<SqsOptions> & { queuePrefix: string }) {
    this.queuePrefix = options.queuePrefix;
    this.concurrency = options.concurrency ?? 10;
    this.waitTimeSeconds = options.waitTimeSeconds ?? 20;
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? 30;
    this.maxReceiveCount = options.maxReceiveCount ?? 5;
    this.createQueues = options.createQueues ?? false;
    this.fifoModules = options.fifoModules ?? new Set();
    this.instanceId = options.instanceId ?? defaultInstanceId();
    this.replyGroup = options.replyGroup;
    this.eventTopicArnPrefix = options.eventTopicArnPrefix;
    if (!/^[\w-]{0,40}$/.test(this.queuePrefix))
      throw new ConfigError(
        'SEAM_SQS_QUEUE_PREFIX',
        'letters, digits, "-" or "_", at most 40',
        this.queuePrefix,
      );
    if (!/^[\w-]{1,30}$/.test(this.instanceId))
      throw new ConfigError(
        'SEAM_INSTANCE_ID',
        'letters, digits, "-" or "_", 1 to 30',
        this.instanceId,
      );
    if (this.replyGroup !== undefined && !/^[\w-]{1,24}$/.test(this.replyGroup))
      throw new ConfigError(
        'SEAM_SQS_REPLY_GROUP',
        'letters, digits, "-" or "_", 1 to 24',
        this.replyGroup,
      );
    if (
      this.eventTopicArnPrefix !== undefined &&
      !/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]*$/.test(this.eventTopicArnPrefix)
    )
      throw new ConfigError(
        'SEAM_SNS_TOPIC_ARN_PREFIX',
        'an SNS topic ARN without the name, e.g. arn:aws:sns:eu-west-1:123456789012:seam-prod-',
        this.eventTopicArnPrefix,
      );
  }

  /** The topic a module's events are published to, when events go through SNS. */
  eventTopicArn(publisher: string): string | undefined {
    return (
      this.eventTopicArnPrefix && new QueueNames(this.eventTopicArnPrefix).eventTopic(publisher)
    );
  }

  /**
   * `undefined` unless `SEAM_TRANSPORT=sqs`. Reads `SEAM_SQS_QUEUE_PREFIX` (default
   * `seam-<SEAM_ENV>-`), `SEAM_SQS_CONCURRENCY`, `SEAM_SQS_WAIT_SECONDS`,
   * `SEAM_SQS_VISIBILITY_SECONDS`, `SEAM_SQS_MAX_RECEIVE_COUNT`, `SEAM_SQS_CREATE_QUEUES`
   * (default: true when `AWS_ENDPOINT_URL_SQS` points at a local server), `SEAM_SQS_FIFO_MODULES`,
   * `SEAM_INSTANCE_ID`, `SEAM_SQS_REPLY_GROUP` and `SEAM_SNS_TOPIC_ARN_PREFIX`.
   */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): SqsOptions | undefined {
    const read = new EnvReader(env);
    if (read.oneOf('SEAM_TRANSPORT', TRANSPORTS, { default: 'in-process' }) !== 'sqs')
      return undefined;
    const local = /^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(env.AWS_ENDPOINT_URL_SQS ?? '');
    const createQueues = read.oneOf('SEAM_SQS_CREATE_QUEUES', ['true', 'false'], {
      default: local ? 'true' : 'false',
    });
    return new SqsOptions({
      queuePrefix: read.string('SEAM_SQS_QUEUE_PREFIX', {
        default: `seam-${read.string('SEAM_ENV', { default: 'local' })}-`,
      }),
      concurrency: read.integer('SEAM_SQS_CONCURRENCY', { default: 10, min: 1, max: 1000 }),
      waitTimeSeconds: read.integer('SEAM_SQS_WAIT_SECONDS', { default: 20, min: 0, max: 20 }),
      visibilityTimeoutSeconds: read.integer('SEAM_SQS_VISIBILITY_SECONDS', {
        default: 30,
        min: 2,
        max: 43_200,
      }),
      maxReceiveCount: read.integer('SEAM_SQS_MAX_RECEIVE_COUNT', {
        default: 5,
        min: 1,
        max: 1000,
      }),
      createQueues: createQueues === 'true',
      fifoModules: new Set(
        (read.string('SEAM_SQS_FIFO_MODULES') ?? '')
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      ),
      instanceId: read.string('SEAM_INSTANCE_ID', { default: defaultInstanceId() }),
      replyGroup: read.string('SEAM_SQS_REPLY_GROUP'),
      eventTopicArnPrefix: read.string('SEAM_SNS_TOPIC_ARN_PREFIX'),
    });
  }
}

/** Host name plus a random part: containers often share pid 1 and a host name prefix. */
function defaultInstanceId(): string {
  const host =
    hostname()
      .replace(/[^\w-]/g, '')
      .slice(0, 16) || 'host';
  return `${host}-${randomBytes(4).toString('hex')}`;
}
