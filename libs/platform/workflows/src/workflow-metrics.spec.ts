import { describe, expect, it } from '@jest/globals';
import { Metrics } from '#platform/observability';
import { WorkflowDefinition } from './workflow-definition.js';
import { stepOfPattern, WorkflowMetrics } from './workflow-metrics.js';

const definition = (name: string, states: Record<string, string>) =>
  WorkflowDefinition.parse(
    'ordering',
    name,
    `libs/modules/ordering/workflows/${name}.asl.json`,
    JSON.stringify({
      StartAt: Object.keys(states)[0],
      States: Object.fromEntries(
        Object.entries(states).map(([state, pattern], index, all) => [
          state,
          {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            Parameters: { MessageBody: { 'taskToken.$': '$$.Task.Token', pattern, input: {} } },
            ...(index === all.length - 1 ? { End: true } : { Next: all[index + 1]![0] }),
          },
        ]),
      ),
    }),
  );

describe('workflow metrics', () => {
  it('name a Step Functions task by its workflow and state, found from its pattern', () => {
    const stepOf = stepOfPattern([
      definition('fulfil', { Reserve: 'inventory.reserve', Look: 'ordering.get-order' }),
      definition('refund', { Check: 'ordering.get-order', Pay: 'payments.refund' }),
    ]);
    expect(stepOf('inventory.reserve')).toEqual({ workflow: 'fulfil', state: 'Reserve' });
    expect(stepOf('ordering.get-order')).toEqual({
      workflow: 'fulfil|refund',
      state: 'Look|Check',
    });
    expect(stepOf('shipping.quote')).toEqual({ workflow: 'unknown', state: 'unknown' });
  });

  it('record durations by workflow and status, and step errors by workflow and state', async () => {
    const metrics = new Metrics();
    const workflows = new WorkflowMetrics(metrics);
    workflows.ended('fulfil', 'SUCCEEDED', 1.5);
    workflows.ended('fulfil', 'FAILED', 40);
    workflows.stepFailed('fulfil', 'Reserve');
    workflows.stepFailed('fulfil', 'Reserve');

    const text = await metrics.render();
    expect(text).toContain(
      'seam_saga_duration_seconds_bucket{le="2.5",workflow="fulfil",status="SUCCEEDED"} 1',
    );
    expect(text).toContain('seam_saga_duration_seconds_sum{workflow="fulfil",status="FAILED"} 40');
    expect(text).toContain('seam_saga_step_errors_total{workflow="fulfil",state="Reserve"} 2');
    // A second instance (another engine in the process) shares the same series.
    new WorkflowMetrics(metrics).stepFailed('fulfil', 'Reserve');
    expect(await metrics.render()).toContain(
      'seam_saga_step_errors_total{workflow="fulfil",state="Reserve"} 3',
    );
  });
});
