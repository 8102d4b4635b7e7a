import { describe, expect, it } from '@jest/globals';
import { TASK_RESOURCE, WorkflowDefinition } from './workflow-definition.js';

const task = (pattern: string, next?: string) => ({
  Type: 'Task',
  Resource: TASK_RESOURCE,
  Parameters: { MessageBody: { pattern, input: {} } },
  ...(next ? { Next: next } : { End: true }),
});

describe('WorkflowDefinition.tasks', () => {
  it("finds the Task states of Map iterations and Parallel branches, so the engine answers them and their modules' queues are given", () => {
    const definition = WorkflowDefinition.parse(
      'ordering',
      'nested',
      'nested.asl.json',
      JSON.stringify({
        StartAt: 'List',
        States: {
          List: task('ordering.list', 'Each'),
          Each: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'Void', States: { Void: task('payments.void') } },
            Next: 'Both',
          },
          Both: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Ship', States: { Ship: task('shipping.cancel') } },
              { StartAt: 'Release', States: { Release: task('inventory.release') } },
            ],
            End: true,
          },
        },
      }),
    );
    expect(definition.tasks.map(({ state, pattern }) => [state, pattern])).toEqual([
      ['List', 'ordering.list'],
      ['Void', 'payments.void'],
      ['Ship', 'shipping.cancel'],
      ['Release', 'inventory.release'],
    ]);
    expect(definition.modules).toEqual(['inventory', 'ordering', 'payments', 'shipping']);
  });
});
