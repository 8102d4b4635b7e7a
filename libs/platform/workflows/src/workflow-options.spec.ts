import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '#platform/config';
import { WorkflowOptions } from './workflow-options.js';

describe('WorkflowOptions.fromEnv', () => {
  it('runs workflows in process by default, with local queue names', () => {
    const options = WorkflowOptions.fromEnv({});
    expect(options).toMatchObject({ engine: 'local', concurrency: 100, leaseMs: 15_000 });
    expect(options.queueUrl('payments')).toBe('local:payments');
  });

  it('targets Step Functions with the state machine and queue prefixes', () => {
    const options = WorkflowOptions.fromEnv({
      SEAM_WORKFLOW_ENGINE: 'stepfunctions',
      SEAM_STATE_MACHINE_ARN_PREFIX:
        'arn:aws:states:eu-west-1:123456789012:stateMachine:seam-prod-',
      SEAM_QUEUE_URL_PREFIX: 'https://sqs.eu-west-1.amazonaws.com/123456789012/seam-prod-',
      SEAM_WORKFLOW_CONCURRENCY: '20',
    });
    expect(options.engine).toBe('stepfunctions');
    expect(options.concurrency).toBe(20);
    expect(options.queueUrl('payments')).toBe(
      'https://sqs.eu-west-1.amazonaws.com/123456789012/seam-prod-payments',
    );
  });

  it.each([
    [{ SEAM_WORKFLOW_ENGINE: 'lambda' }, 'SEAM_WORKFLOW_ENGINE'],
    [{ SEAM_WORKFLOW_CONCURRENCY: '0' }, 'SEAM_WORKFLOW_CONCURRENCY'],
    [{ SEAM_WORKFLOW_LEASE_MS: 'soon' }, 'SEAM_WORKFLOW_LEASE_MS'],
    [{ SEAM_WORKFLOW_ENGINE: 'stepfunctions' }, 'SEAM_STATE_MACHINE_ARN_PREFIX'],
    [
      {
        SEAM_WORKFLOW_ENGINE: 'stepfunctions',
        SEAM_STATE_MACHINE_ARN_PREFIX: 'seam-prod-',
      },
      'SEAM_STATE_MACHINE_ARN_PREFIX',
    ],
    [
      {
        SEAM_WORKFLOW_ENGINE: 'stepfunctions',
        SEAM_STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:eu-west-1:123456789012:stateMachine:seam-',
      },
      'SEAM_QUEUE_URL_PREFIX',
    ],
  ])('refuses %j, naming %s', (env, key) => {
    let error: unknown;
    try {
      WorkflowOptions.fromEnv(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe(key);
  });
});
