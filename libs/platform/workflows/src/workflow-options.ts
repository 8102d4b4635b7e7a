import { ConfigError, EnvReader } from '#platform/config';
import type { EngineKind } from './execution-store.js';

export const ENGINE_KINDS: readonly EngineKind[] = ['local', 'stepfunctions'];

/** Where Step Functions runs the workflows and where it sends their tasks. */
export interface StepFunctionsTarget {
  /** State machine ARN without the workflow name: `arn:aws:states:<region>:<account>:stateMachine:seam-prod-`. */
  readonly stateMachineArnPrefix: string;
  /** Queue URL without the module name: `https://sqs.<region>.amazonaws.com/<account>/seam-prod-`. */
  readonly queueUrlPrefix: string;
}

/**
 * How workflows run in this process; immutable, validated when built.
 *
 * @example
 * new WorkflowOptions('local'); // in-process engine, defaults for the rest
 */
export class WorkflowOptions {
  constructor(
    readonly engine: EngineKind,
    /** Executions one module runs at once (local engine), or starts at once (Step Functions). */
    readonly concurrency = 100,
    /** How long a claim on an execution lasts; a runner that dies loses its executions after this. */
    readonly leaseMs = 15_000,
    /** Longest wait between claims when no NOTIFY arrives. */
    readonly pollIntervalMs = 1_000,
    readonly stepFunctions?: StepFunctionsTarget,
  ) {
    for (const [key, value] of Object.entries({ concurrency, leaseMs, pollIntervalMs })) {
      if (!Number.isSafeInteger(value) || value <= 0)
        throw new ConfigError(`workflow ${key}`, 'a positive integer', String(value));
    }
    if (engine === 'stepfunctions' && !stepFunctions)
      throw new ConfigError(
        'SEAM_STATE_MACHINE_ARN_PREFIX',
        'state machine ARN and queue URL prefixes when SEAM_WORKFLOW_ENGINE=stepfunctions',
        undefined,
      );
  }

  /**
   * From `SEAM_WORKFLOW_ENGINE` (`local` | `stepfunctions`), `SEAM_WORKFLOW_CONCURRENCY`,
   * `SEAM_WORKFLOW_LEASE_MS`, and for Step Functions `SEAM_STATE_MACHINE_ARN_PREFIX` and
   * `SEAM_QUEUE_URL_PREFIX`.
   */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): WorkflowOptions {
    const read = new EnvReader(env);
    const engine = read.oneOf('SEAM_WORKFLOW_ENGINE', ENGINE_KINDS, { default: 'local' });
    const concurrency = read.integer('SEAM_WORKFLOW_CONCURRENCY', {
      default: 100,
      min: 1,
      max: 10_000,
    });
    const leaseMs = read.integer('SEAM_WORKFLOW_LEASE_MS', {
      default: 15_000,
      min: 1_000,
      max: 3_600_000,
    });
    if (engine === 'local') return new WorkflowOptions(engine, concurrency, leaseMs);
    const stateMachineArnPrefix = read.string('SEAM_STATE_MACHINE_ARN_PREFIX');
    if (
      !stateMachineArnPrefix ||
      !/^arn:aws[\w-]*:states:[\w-]+:\d{12}:stateMachine:[\w-]*$/.test(stateMachineArnPrefix)
    )
      throw new ConfigError(
        'SEAM_STATE_MACHINE_ARN_PREFIX',
        'a state machine ARN without the workflow name, e.g. arn:aws:states:eu-west-1:123456789012:stateMachine:seam-prod- (required with SEAM_WORKFLOW_ENGINE=stepfunctions)',
        stateMachineArnPrefix,
      );
    const queueUrlPrefix = read.url('SEAM_QUEUE_URL_PREFIX', ['https', 'http'])?.href;
    if (!queueUrlPrefix)
      throw new ConfigError(
        'SEAM_QUEUE_URL_PREFIX',
        'a queue URL without the module name, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/seam-prod- (required with SEAM_WORKFLOW_ENGINE=stepfunctions)',
        undefined,
      );
    return new WorkflowOptions(engine, concurrency, leaseMs, undefined, {
      stateMachineArnPrefix,
      queueUrlPrefix,
    });
  }

  /** The URL of a module's queue, as Task states read it from `$$.Execution.Input.queues`. */
  queueUrl(module: string): string {
    return this.stepFunctions ? `${this.stepFunctions.queueUrlPrefix}${module}` : `local:${module}`;
  }
}
