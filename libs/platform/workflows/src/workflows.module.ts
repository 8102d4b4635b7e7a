import {
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DataSource } from 'typeorm';
import { MessagingModule, MessagingOptions, ModuleBus } from '#platform/messaging';
import { Metrics } from '#platform/observability';
import { ChannelListener, DatabaseConnection, type ModuleSchema } from '#platform/persistence';
import { runnableWorkflow } from './asl-lint.js';
import { busTaskDispatch } from './bus-task-dispatch.js';
import { DeclaredWorkflows } from './declared-workflows.js';
import { ExecutionStore } from './execution-store.js';
import { LocalWorkflowEngine } from './local/local-workflow-engine.js';
import { StepFunctionsClient } from './stepfunctions/step-functions-client.js';
import { TaskQueueBinding } from './stepfunctions/task-queue-binding.js';
import type { WorkflowDefinition } from './workflow-definition.js';
import type { WorkflowEngine } from './workflow-engine.js';
import { WorkflowMetrics } from './workflow-metrics.js';
import { WorkflowOptions, type StepFunctionsTarget } from './workflow-options.js';
import { WorkflowRegistry } from './workflow-registry.js';
import { WorkflowRunner } from './workflow-runner.js';
import { WorkflowStarter } from './workflow-starter.js';
import { workflowChannel } from './workflow-tables.migration.js';

/** Runs the module's WorkflowRunner for the life of the application. */
@Injectable()
export class WorkflowRunnerLifecycle
  implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy
{
  constructor(
    readonly runner: WorkflowRunner,
    private readonly store: ExecutionStore,
    private readonly registry: WorkflowRegistry,
    private readonly messaging: MessagingOptions,
    private readonly starter: WorkflowStarter,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.store, this.runner.definitions.values(), this.starter);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.messaging.backgroundWork) return; // a web-role process leaves executions to workers
    await this.runner.start();
  }

  // Earliest shutdown hook: executions are handed back while the database is still up.
  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }
}

/**
 * `forRoot(options, workflowsOf(MODULES))` once in the application: which engine runs workflows,
 * and every workflow the modules declare (`defineModule({ workflows })`, read from their ASL files).
 * `forModule(schema)` in a module that declares workflows: its WorkflowStarter, its executions
 * table and its runner, for the workflows its declaration names. They are checked
 * (`runnableWorkflow`) where the module is hosted, at start-up.
 */
@Module({})
export class WorkflowsModule {
  static forRoot(
    options: WorkflowOptions,
    workflows: readonly WorkflowDefinition[],
  ): DynamicModule {
    return {
      module: WorkflowsModule,
      global: true,
      providers: [
        { provide: WorkflowOptions, useValue: options },
        { provide: DeclaredWorkflows, useValue: new DeclaredWorkflows(workflows) },
        WorkflowRegistry,
        StepFunctionsClient,
        TaskQueueBinding,
      ],
      exports: [WorkflowOptions, DeclaredWorkflows, WorkflowRegistry, StepFunctionsClient],
    };
  }

  static forModule(schema: ModuleSchema): DynamicModule {
    // Checked when the module is hosted here, not when its code is imported (a module service
    // imports every module's code but hosts one).
    const definitions = (declared: DeclaredWorkflows) => {
      const own = declared.of(schema.module);
      if (own.length === 0)
        throw new Error(
          `Module "${schema.module}" imports WorkflowsModule.forModule but declares no workflows: ` +
            `name them in its defineModule({ workflows: [...] })`,
        );
      return own.map(runnableWorkflow);
    };
    return {
      module: WorkflowsModule,
      imports: [MessagingModule.forModule(schema.module)],
      providers: [
        {
          provide: ExecutionStore,
          useFactory: (db: DataSource) => new ExecutionStore(schema.module, schema.schema, db),
          inject: [getDataSourceToken(schema.module)],
        },
        {
          provide: WorkflowStarter,
          useFactory: (
            store: ExecutionStore,
            options: WorkflowOptions,
            declared: DeclaredWorkflows,
          ) =>
            new WorkflowStarter(
              store,
              options,
              new Set(declared.of(schema.module).map((definition) => definition.name)),
            ),
          inject: [ExecutionStore, WorkflowOptions, DeclaredWorkflows],
        },
        {
          provide: WorkflowRunner,
          useFactory: async (
            store: ExecutionStore,
            options: WorkflowOptions,
            bus: ModuleBus,
            stepFunctions: StepFunctionsClient,
            connection: DatabaseConnection,
            metrics: Metrics,
            declared: DeclaredWorkflows,
          ) => {
            const own = definitions(declared);
            const workflowMetrics = new WorkflowMetrics(metrics);
            const engine: WorkflowEngine = options.stepFunctions
              ? await stepFunctionsEngine(await stepFunctions.client(), options.stepFunctions)
              : await LocalWorkflowEngine.create(busTaskDispatch(bus), workflowMetrics);
            const listener = new ChannelListener(
              // A new client per (re)connect, so LISTEN follows a rotated password.
              (applicationName) => connection.clientFor(schema, applicationName),
              workflowChannel(schema.schema),
              `seam:${schema.schema}:workflows`,
            );
            return new WorkflowRunner(store, listener, engine, own, options, workflowMetrics);
          },
          inject: [
            ExecutionStore,
            WorkflowOptions,
            ModuleBus,
            StepFunctionsClient,
            DatabaseConnection,
            Metrics,
            DeclaredWorkflows,
          ],
        },
        WorkflowRunnerLifecycle,
      ],
      exports: [WorkflowStarter],
    };
  }
}

/** The engine that starts executions on Step Functions (its SDK client loaded only for it). */
async function stepFunctionsEngine(
  client: SFNClient,
  target: StepFunctionsTarget,
): Promise<WorkflowEngine> {
  const [{ StepFunctionsStarter }, { StepFunctionsWorkflowEngine }] = await Promise.all([
    import('./stepfunctions/step-functions-starter.js'),
    import('./stepfunctions/step-functions-workflow-engine.js'),
  ]);
  return new StepFunctionsWorkflowEngine(new StepFunctionsStarter(client), target);
}
