import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

export interface StartWorkflowRequest {
  /** `arn:<partition>:states:<region>:<account>:stateMachine:<name>` */
  readonly stateMachineArn: string;
  /** The business key (e.g. the order id); it names the execution, so a retried start is a no-op. */
  readonly name: string;
  /** The execution input; any JSON-serialisable value (sent as its JSON text). */
  readonly input: unknown;
}

export interface StartedWorkflow {
  readonly executionArn: string;
  /**
   * True when Step Functions refused the start because an execution of that name exists (it has
   * closed, or it was started with other input). A retry with the same input while the first
   * execution runs is answered by AWS as a fresh start of that same execution, so it reports false
   * with the same ARN.
   */
  readonly alreadyStarted: boolean;
}

/** Execution names Step Functions accepts: 1–80 characters, none of these, no whitespace or control characters. */
const MAX_NAME_LENGTH = 80;
const FORBIDDEN_NAME_CHARACTERS = new Set('<>{}[]?*"#%\\^|~`$&,;:/');

const STATE_MACHINE_ARN =
  /^arn:(?<partition>[^:]+):states:(?<region>[^:]+):(?<account>[^:]+):stateMachine:(?<stateMachine>[^:]+)(?::[^:]+)?$/;

/**
 * Starts Step Functions executions keyed by a business id. The execution name is the business
 * key, so starting the same order twice never runs two sagas.
 *
 * @example
 * const starter = new StepFunctionsStarter(new SFNClient({}));
 * const { executionArn, alreadyStarted } = await starter.start({
 *   stateMachineArn, name: order.id, input: { orderId: order.id, correlationId, queues },
 * });
 */
export class StepFunctionsStarter {
  constructor(private readonly client: SFNClient) {}

  async start(request: StartWorkflowRequest): Promise<StartedWorkflow> {
    const executionArn = executionArnOf(request.stateMachineArn, request.name);
    try {
      const started = await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: request.stateMachineArn,
          name: request.name,
          input: JSON.stringify(request.input ?? null),
        }),
      );
      return { executionArn: started.executionArn ?? executionArn, alreadyStarted: false };
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name === 'ExecutionAlreadyExists') {
        return { executionArn, alreadyStarted: true };
      }
      throw error;
    }
  }
}

/**
 * The ARN Step Functions gives the execution `name` of a state machine (a version or alias
 * qualifier on the state machine ARN is not part of it). Throws on a name AWS would reject.
 */
export function executionArnOf(stateMachineArn: string, name: string): string {
  assertExecutionName(name);
  const parts = STATE_MACHINE_ARN.exec(stateMachineArn)?.groups;
  if (!parts) {
    throw new Error(
      `stateMachineArn must look like arn:<partition>:states:<region>:<account>:stateMachine:<name>, got "${stateMachineArn}"`,
    );
  }
  const { partition, region, account, stateMachine } = parts;
  return `arn:${partition}:states:${region}:${account}:execution:${stateMachine}:${name}`;
}

function assertExecutionName(name: string): void {
  if (name.length < 1 || name.length > MAX_NAME_LENGTH) {
    throw new Error(
      `Execution name must be 1-${MAX_NAME_LENGTH} characters, got ${name.length}: ${JSON.stringify(name)}`,
    );
  }
  const bad = Array.from(name).find(
    (character) =>
      /\s/u.test(character) || FORBIDDEN_NAME_CHARACTERS.has(character) || isControl(character),
  );
  if (bad !== undefined) {
    throw new Error(
      `Execution name ${JSON.stringify(name)} contains ${JSON.stringify(bad)}; Step Functions rejects whitespace, ` +
        `control characters and any of ${[...FORBIDDEN_NAME_CHARACTERS].join(' ')}`,
    );
  }
}

function isControl(character: string): boolean {
  const code = character.codePointAt(0)!;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}
