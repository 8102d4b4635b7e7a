import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine/index.js';
import type { WorkflowPlan } from '../system-plan.js';
import { policyDocument, trustPolicy } from './iam.js';
import type { Messaging } from './messaging.js';
import type { DeploySettings } from '../deploy-settings.js';

/**
 * One Standard state machine per workflow, `<prefix>-<workflow>`, whose definition is the ASL
 * file the code runs, byte for byte. Its role may send only to the queues its Task states name;
 * execution logging (errors, with data) and X-Ray tracing are on.
 */
export class Workflows extends Construct {
  /** Workflow name → state machine. */
  readonly stateMachines: ReadonlyMap<string, SfnStateMachine>;

  constructor(
    scope: Construct,
    id: string,
    props: {
      settings: DeploySettings;
      workflows: readonly WorkflowPlan[];
      messaging: Messaging;
      logRetentionDays: number;
    },
  ) {
    super(scope, id);
    const machines = new Map<string, SfnStateMachine>();
    for (const workflow of props.workflows) {
      if (/[$%]\{/.test(workflow.definition))
        throw new Error(
          `Workflow ${workflow.name}: "\${" or "%{" would be read as a Terraform template; the definition must be deployed verbatim`,
        );
      const name = `${props.settings.prefix}-${workflow.name}`;
      const logs = new CloudwatchLogGroup(this, `${workflow.name}-logs`, {
        name: `/aws/vendedlogs/states/${name}`,
        retentionInDays: props.logRetentionDays,
      });
      const role = new IamRole(this, `${workflow.name}-role`, {
        name: `${name}-sfn`,
        assumeRolePolicy: trustPolicy('states.amazonaws.com', props.settings.account),
      });
      new IamRolePolicy(this, `${workflow.name}-policy`, {
        role: role.id,
        name: 'send-tasks-log-trace',
        policy: policyDocument([
          {
            Sid: 'SendTasksToModuleQueues',
            Action: ['sqs:SendMessage'],
            Resource: workflow.taskModules.map((module) => props.messaging.queue(module).arn),
          },
          {
            Sid: 'DeliverExecutionLogs',
            Action: [
              'logs:CreateLogDelivery',
              'logs:GetLogDelivery',
              'logs:UpdateLogDelivery',
              'logs:DeleteLogDelivery',
              'logs:ListLogDeliveries',
              'logs:PutResourcePolicy',
              'logs:DescribeResourcePolicies',
              'logs:DescribeLogGroups',
            ],
            Resource: ['*'],
          },
          {
            Sid: 'Trace',
            Action: [
              'xray:PutTraceSegments',
              'xray:PutTelemetryRecords',
              'xray:GetSamplingRules',
              'xray:GetSamplingTargets',
            ],
            Resource: ['*'],
          },
        ]),
      });
      machines.set(
        workflow.name,
        new SfnStateMachine(this, workflow.name, {
          name,
          type: 'STANDARD',
          roleArn: role.arn,
          definition: workflow.definition,
          loggingConfiguration: {
            logDestination: `${logs.arn}:*`,
            includeExecutionData: true,
            level: 'ERROR',
          },
          tracingConfiguration: { enabled: true },
        }),
      );
    }
    this.stateMachines = machines;
  }
}
