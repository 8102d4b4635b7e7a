"""Seam on Amazon MWAA: start the `order-fulfilment` Step Functions state machine in batches.

Airflow does not run the saga. Step Functions does, from the same ASL file the code runs
locally (libs/modules/ordering/workflows/order-fulfilment.asl.json). This DAG only starts
executions, one per input of the batch, and waits for each to end, with the operators of
Airflow's Amazon provider (installed on MWAA). See docs/runbooks/run-workflows-on-mwaa.md.

- State machine: the Airflow Variable `seam_state_machine_arn_prefix` (set by MWAA's start-up
  script from terraform/src/constructs/mwaa.ts, e.g.
  `arn:aws:states:eu-west-1:123456789012:stateMachine:seam-prod-`) + STATE_MACHINE.
- Batch: `dag_run.conf["executions"]` when triggered, else the JSON list in the Variable
  `seam_order_fulfilment_nightly_batch` (default: empty, nothing starts). Each entry is
  `{"name": <execution name, e.g. "order-<orderId>">, "input": <execution input>}`. A name
  that was started before is refused by Step Functions (ExecutionAlreadyExists for another
  input), so a repeated run does not run an order twice. An input without `correlationId` or
  `traceparent` gets them here, derived from the name (so a repeated run keeps the same input):
  each execution's task messages carry a correlation id and a W3C trace context.
- Schedule: nightly at 02:00 UTC, an hour before the payments reconciliation
  (ordering__payments_reconciliation.py).
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.decorators import task
from airflow.models import Variable
from airflow.operators.python import get_current_context
from airflow.providers.amazon.aws.operators.step_function import StepFunctionStartExecutionOperator
from airflow.providers.amazon.aws.sensors.step_function import StepFunctionExecutionSensor
from seam_execution_input import traced

STATE_MACHINE = "order-fulfilment"
STATE_MACHINE_ARN = "{{ var.value.seam_state_machine_arn_prefix }}" + STATE_MACHINE
NIGHTLY = "0 2 * * *"


with DAG(
    dag_id="ordering__order_fulfilment",
    description="Start order-fulfilment executions on Step Functions for a batch of inputs",
    schedule=NIGHTLY,
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    is_paused_upon_creation=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=1)},
    tags=["seam", "ordering", "step-functions"],
) as dag:

    @task
    def batch():
        """The executions to start: [{"name", "state_machine_input"}], checked before any start."""
        conf = get_current_context()["dag_run"].conf or {}
        executions = conf.get("executions")
        if executions is None:
            executions = Variable.get(
                "seam_order_fulfilment_nightly_batch", default_var=[], deserialize_json=True
            )
        if not isinstance(executions, list):
            raise ValueError("executions: expected a list of {name, input}")
        for index, execution in enumerate(executions):
            if not isinstance(execution, dict) or not isinstance(execution.get("name"), str):
                raise ValueError(f"executions[{index}].name: expected a string")
            if not isinstance(execution.get("input"), dict):
                raise ValueError(f"executions[{index}].input: expected an object")
        return [
            {
                "name": execution["name"],
                "state_machine_input": traced(execution["name"], execution["input"]),
            }
            for execution in executions
        ]

    started = StepFunctionStartExecutionOperator.partial(
        task_id="start_execution",
        state_machine_arn=STATE_MACHINE_ARN,
    ).expand_kwargs(batch())

    StepFunctionExecutionSensor.partial(
        task_id="wait_for_execution",
        # A failed execution stays failed: waiting again would not change it.
        retries=0,
        mode="reschedule",
        poke_interval=60,
        timeout=6 * 60 * 60,
    ).expand(execution_arn=started.output)
