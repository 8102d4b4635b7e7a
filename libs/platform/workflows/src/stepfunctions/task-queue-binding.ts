import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MalformedMessageError, TransportServers } from '#platform/messaging';
import { Metrics } from '#platform/observability';
import { DeclaredWorkflows } from '../declared-workflows.js';
import { parseTaskMessage } from '../task-message.js';
import { stepOfPattern, WorkflowMetrics } from '../workflow-metrics.js';
import { StepFunctionsClient } from './step-functions-client.js';
import type { TaskTokenResponder } from './task-token-responder.js';

/**
 * Answers Step Functions task messages that arrive on a module's queue: the SQS transport
 * hands over every message that is not a Seam envelope, and this runs its pattern on the
 * module's handler here and reports back with the task token. The responder, and the SDK's
 * Step Functions client with it, is loaded when the first task arrives.
 */
@Injectable()
export class TaskQueueBinding implements OnModuleInit {
  private responder: Promise<TaskTokenResponder> | undefined;

  constructor(
    private readonly servers: TransportServers,
    private readonly stepFunctions: StepFunctionsClient,
    private readonly metrics: Metrics,
    private readonly workflows: DeclaredWorkflows,
  ) {}

  onModuleInit(): void {
    const server = this.servers.sqs;
    if (!server) return;
    server.handleForeignMessagesWith(async (module, body) => {
      const task = parseTaskMessage(body);
      if (!task) throw new MalformedMessageError('neither a Seam message nor a workflow task');
      if (!task.pattern.startsWith(`${module}.`))
        throw new MalformedMessageError(`task for ${task.pattern} arrived on ${module}'s queue`);
      await (await this.taskResponder()).respond(task);
    });
  }

  /** Made at the first task; a failure is not kept, so the next task tries again. */
  private taskResponder(): Promise<TaskTokenResponder> {
    return (this.responder ??= this.makeResponder().catch((error: unknown) => {
      this.responder = undefined;
      throw error;
    }));
  }

  private async makeResponder(): Promise<TaskTokenResponder> {
    const server = this.servers.sqs!;
    const [{ TaskTokenResponder }, client] = await Promise.all([
      import('./task-token-responder.js'),
      this.stepFunctions.client(),
    ]);
    const workflowMetrics = new WorkflowMetrics(this.metrics);
    const stepOf = stepOfPattern(this.workflows.all);
    return new TaskTokenResponder(
      client,
      (task) =>
        server.invoke(task.pattern, task.input, {
          messageId: randomUUID(),
          correlationId: task.correlationId ?? randomUUID(),
          caller: 'workflow',
          ...(task.traceparent && { traceparent: task.traceparent }),
        }),
      {
        heartbeatIntervalMs: 20_000,
        onFailure: (task) => {
          const step = stepOf(task.pattern);
          workflowMetrics.stepFailed(step.workflow, step.state);
        },
      },
    );
  }
}
