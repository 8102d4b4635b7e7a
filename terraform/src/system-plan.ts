import type { EventSubscriptions } from '#platform/messaging';
import type { WorkflowDefinition } from '#platform/workflows';
import type { TaskSize, Topology } from './topology.js';

/** A domain module as the infrastructure sees it. */
export interface ModulePlan {
  readonly name: string;
  /** It has a contract, so other modules send it requests. */
  readonly callable: boolean;
}

/** Events of one publishing module that one subscribing module receives on its queue. */
export interface EventRoute {
  readonly publisher: string;
  readonly subscriber: string;
  readonly patterns: readonly string[];
}

/** One ECS service: a role of the monolith, or an extracted module. */
export interface ServicePlan {
  /** `monolith-web`, `monolith-worker`, or the module's name. */
  readonly name: string;
  /** SEAM_ROLE: `web` serves HTTP; `worker` polls queues, relays outboxes, runs workflows. */
  readonly role: 'web' | 'worker';
  /** The modules whose code and data this service holds (the monolith holds every module). */
  readonly modules: readonly string[];
  /** SEAM_MODULES is set: a module service rather than the monolith. */
  readonly dedicated: boolean;
  /**
   * The module queues it may poll. The monolith's worker keeps every module's queue: it polls
   * one whenever the module's routing flag says `local`, which is also the way back after an
   * extraction. Empty for `web`.
   */
  readonly consumes: readonly string[];
  /** The queues whose depth its autoscaling follows: the ones nobody else serves. */
  readonly scalesOn: readonly string[];
  readonly size: TaskSize;
}

/** A workflow deployed as a state machine, from the ASL file the code runs. */
export interface WorkflowPlan {
  readonly name: string;
  /** The module that owns and starts it. */
  readonly owner: string;
  /** The definition's exact bytes. */
  readonly definition: string;
  /** Modules whose queues its Task states send to. */
  readonly taskModules: readonly string[];
}

/**
 * What exists in an environment, worked out from the module registry, the event subscriptions,
 * the workflows the modules declare and the topology. Stacks read this plan and nothing else about modules,
 * so adding or extracting a module changes the plan, not the stack code.
 */
export class SystemPlan {
  private constructor(
    readonly modules: readonly ModulePlan[],
    readonly events: readonly EventRoute[],
    readonly workflows: readonly WorkflowPlan[],
    readonly services: readonly ServicePlan[],
  ) {}

  static of(input: {
    modules: readonly { name: string; contract?: unknown }[];
    subscriptions: EventSubscriptions;
    workflows: readonly WorkflowDefinition[];
    topology: Topology;
  }): SystemPlan {
    const names = input.modules.map((entry) => entry.name);
    const extracted = names.filter((name) => name in input.topology.services);
    const services: ServicePlan[] = [
      {
        name: 'monolith-web',
        role: 'web',
        modules: names,
        dedicated: false,
        consumes: [],
        scalesOn: [],
        size: input.topology.monolith.web,
      },
      {
        name: 'monolith-worker',
        role: 'worker',
        modules: names,
        dedicated: false,
        consumes: names,
        scalesOn: names.filter((name) => !extracted.includes(name)),
        size: input.topology.monolith.worker,
      },
      ...extracted.map((name): ServicePlan => ({
        name,
        role: 'worker',
        modules: [name],
        dedicated: true,
        consumes: [name],
        scalesOn: [name],
        size: input.topology.services[name]!,
      })),
    ];
    return new SystemPlan(
      input.modules.map((entry) => ({ name: entry.name, callable: entry.contract !== undefined })),
      eventRoutes(names, input.subscriptions),
      input.workflows.map((definition) => ({
        name: definition.name,
        owner: definition.module,
        definition: definition.source,
        taskModules: definition.modules,
      })),
      services,
    );
  }

  /** Modules that publish events somebody subscribes to (each gets an SNS topic). */
  get publishers(): string[] {
    return [...new Set(this.events.map((route) => route.publisher))];
  }

  service(name: string): ServicePlan {
    const service = this.services.find((entry) => entry.name === name);
    if (!service) throw new Error(`No service "${name}" in the plan`);
    return service;
  }
}

/** One route per (publisher, subscriber) pair; the publisher is the pattern's first part. */
function eventRoutes(modules: readonly string[], subscriptions: EventSubscriptions): EventRoute[] {
  const routes: EventRoute[] = [];
  for (const subscriber of modules) {
    const byPublisher = new Map<string, string[]>();
    for (const pattern of subscriptions.patternsOf(subscriber).sort()) {
      const publisher = pattern.split('.')[0]!;
      byPublisher.set(publisher, [...(byPublisher.get(publisher) ?? []), pattern]);
    }
    for (const [publisher, patterns] of byPublisher)
      routes.push({ publisher, subscriber, patterns });
  }
  return routes;
}
