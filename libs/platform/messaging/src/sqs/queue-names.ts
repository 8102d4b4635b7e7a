/**
 * The names of Seam's queues and event topics under one prefix (`seam-<env>-`). The code and
 * the infrastructure (terraform/) both name them through this class, so they cannot drift.
 *
 * @example
 * new QueueNames('seam-prod-').deadLetters('payments'); // 'seam-prod-payments-dlq'
 */
export class QueueNames {
  constructor(
    readonly prefix: string,
    private readonly fifoModules: ReadonlySet<string> = new Set(),
  ) {}

  /** A module's command queue: requests, event copies and workflow tasks for it. */
  command(module: string): string {
    return this.fifo(module, `${this.prefix}${module}`);
  }

  deadLetters(module: string): string {
    return this.fifo(module, `${this.prefix}${module}-dlq`);
  }

  /**
   * One process's reply queue; with the `group` of the deployable it belongs to
   * (`<prefix>reply-<group>-<instance>`), so each service's permissions can be scoped to its
   * own. `*` as the instance gives the pattern.
   */
  reply(instanceId: string, group?: string): string {
    return `${this.prefix}reply-${group ? `${group}-` : ''}${instanceId}`;
  }

  /** The SNS topic a module's events are published to. */
  eventTopic(publisher: string): string {
    return `${this.prefix}${publisher}-events`;
  }

  isFifo(module: string): boolean {
    return this.fifoModules.has(module);
  }

  private fifo(module: string, name: string): string {
    return this.isFifo(module) ? `${name}.fifo` : name;
  }
}
