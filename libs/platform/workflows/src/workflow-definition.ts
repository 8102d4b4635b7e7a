import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '#platform/config';

/** The resource every Task state names: AWS sends the task to a module queue and waits for its token. */
export const TASK_RESOURCE = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

/** A Task state of a workflow: which module pattern it calls. */
export interface WorkflowTask {
  readonly state: string;
  readonly pattern: string;
  /** The module that owns the pattern (the part before the first dot). */
  readonly module: string;
}

/**
 * One workflow, as written in Amazon States Language (JSONPath only). The file lives with the
 * module that owns the process, at `libs/modules/<module>/workflows/<name>.asl.json`, and the
 * module names it in its declaration (`defineModule({ workflows: ['<name>'] })`); the same bytes
 * run in the local engine and are deployed as the Step Functions state machine.
 *
 * Convention for Task states (see docs/workflows.md): `Resource` is {@link TASK_RESOURCE},
 * `Parameters.QueueUrl.$` points at `$$.Execution.Input.queues.<module>`, and
 * `Parameters.MessageBody` is `{ "taskToken.$": "$$.Task.Token", "pattern": "<module>.<name>",
 * "correlationId.$": "$$.Execution.Input.correlationId", "input": { ... } }`.
 */
export class WorkflowDefinition {
  private constructor(
    readonly module: string,
    readonly name: string,
    /** Where the file is, relative to the project root. */
    readonly file: string,
    /** The file's exact bytes, as deployed. */
    readonly source: string,
    readonly asl: AslDefinition,
  ) {
    this.hash = createHash('sha256').update(source).digest('hex');
  }

  /** SHA-256 of the file's bytes: which version of the definition an execution ran. */
  readonly hash: string;

  /**
   * Every Task state with the pattern it calls, in definition order, including those of Map
   * iterations and Parallel branches (state names are unique across the definition).
   */
  get tasks(): WorkflowTask[] {
    return nestedStates(this.asl.States)
      .filter(([, state]) => state.Type === 'Task')
      .map(([state, definition]) => {
        const pattern = taskPattern(definition);
        if (!pattern) {
          throw new Error(
            `${this.file}: Task state "${state}" has no Parameters.MessageBody.pattern`,
          );
        }
        return { state, pattern, module: pattern.split('.')[0]! };
      });
  }

  /** The modules whose queues the workflow sends tasks to. */
  get modules(): string[] {
    return [...new Set(this.tasks.map((task) => task.module))].sort();
  }

  /**
   * The workflow `name` of `module`, from `libs/modules/<module>/workflows/<name>.asl.json` under
   * the project root (the same path from src/ and dist/; the image copies the files there).
   * A missing file or one that is not JSON fails with the file's path.
   */
  static load(module: string, name: string): WorkflowDefinition {
    const file = join('libs', 'modules', module, 'workflows', `${name}.asl.json`);
    let source: string;
    try {
      source = readFileSync(join(projectRoot(), file), 'utf8');
    } catch (error) {
      throw new Error(
        `Workflow "${name}" of module "${module}" has no definition: cannot read ${file} ` +
          `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        { cause: error },
      );
    }
    return WorkflowDefinition.parse(module, name, file, source);
  }

  /** A definition from its text; `file` is where it came from, for messages. */
  static parse(module: string, name: string, file: string, source: string): WorkflowDefinition {
    let asl: AslDefinition;
    try {
      asl = JSON.parse(source) as AslDefinition;
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    return new WorkflowDefinition(module, name, file, source, asl);
  }
}

/** The parts of an ASL document Seam reads; the engines read the rest. */
export interface AslDefinition {
  readonly Comment?: string;
  readonly StartAt: string;
  readonly TimeoutSeconds?: number;
  readonly States: Record<string, AslState>;
}

export interface AslState {
  readonly Type: string;
  readonly Comment?: string;
  readonly [field: string]: unknown;
}

/** Each state with its name, depth first: a Map's or Parallel's own states follow it. */
function nestedStates(states: Record<string, AslState>): [string, AslState][] {
  return Object.entries(states).flatMap(([name, state]): [string, AslState][] => {
    const processor = (state.ItemProcessor ?? state.Iterator) as
      { States?: Record<string, AslState> } | undefined;
    const branches = (state.Branches ?? []) as { States?: Record<string, AslState> }[];
    const inner = [processor, ...branches].flatMap((part) =>
      part?.States ? nestedStates(part.States) : [],
    );
    return [[name, state], ...inner];
  });
}

export function taskPattern(state: AslState): string | undefined {
  const parameters = state.Parameters as { MessageBody?: { pattern?: unknown } } | undefined;
  const pattern = parameters?.MessageBody?.pattern;
  return typeof pattern === 'string' ? pattern : undefined;
}
