"""Seam on Amazon MWAA: the nightly reconciliation of payments against orders.

Every night at 03:00 UTC this DAG starts one execution of the `payments-reconciliation` Step
Functions state machine and waits for it. Step Functions runs the workflow, from the same ASL
file the code runs locally (libs/modules/ordering/workflows/payments-reconciliation.asl.json):
it lists the orders that ended (REJECTED or CANCELLED) in the run's data interval, voids the
card holds they still have, and reports captured ones as needing a refund. Airflow never
interprets the ASL. See docs/runbooks/run-workflows-on-mwaa.md, section 3.

- State machine: the Airflow Variable `seam_state_machine_arn_prefix` + STATE_MACHINE.
- Input: `{since, until}`, the run's data interval an hour earlier (the previous night's 02:00
  to this one's: consecutive nights leave no gap, and an order still compensating at 03:00 is
  left to the next night), the module queue URLs under `queues` (from the Variable
  `seam_queue_url_prefix`), and a correlation id and W3C traceparent derived from the name.
- Nights missed while the scheduler was down or paused run afterwards (catchup), one at a time.
- One execution per night, named `reconciliation-<ds>`: Step Functions refuses a second
  execution of that name, so a re-run of the same night never runs it twice (to run a night
  again on purpose, start an execution by hand under another name: see the runbook).
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.decorators import task
from airflow.models import Variable
from airflow.operators.python import get_current_context
from airflow.providers.amazon.aws.operators.step_function import StepFunctionStartExecutionOperator
from airflow.providers.amazon.aws.sensors.step_function import StepFunctionExecutionSensor
from seam_execution_input import traced

STATE_MACHINE = "payments-reconciliation"
STATE_MACHINE_ARN = "{{ var.value.seam_state_machine_arn_prefix }}" + STATE_MACHINE
NIGHTLY = "0 3 * * *"
EXECUTION_NAME = "reconciliation-{{ ds }}"
# The modules whose queues the workflow's Task states send to.
TASK_MODULES = ["ordering", "payments"]
# How long after a night's end its orders are reconciled: sagas still compensating settle first.
SETTLE = timedelta(hours=1)


def window(data_interval_start, data_interval_end):
    """The run's window: its data interval, SETTLE earlier, as ISO-8601 instants."""
    return {
        "since": (data_interval_start - SETTLE).isoformat(),
        "until": (data_interval_end - SETTLE).isoformat(),
    }


with DAG(
    dag_id="ordering__payments_reconciliation",
    description="Void the card holds of orders that ended in the night's window; report captured ones",
    schedule=NIGHTLY,
    start_date=datetime(2026, 12, 1),
    # A night the scheduler missed is reconciled when it is back; the names keep it to once.
    catchup=True,
    max_active_runs=1,
    is_paused_upon_creation=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=1)},
    tags=["seam", "ordering", "payments", "step-functions"],
) as dag:

    @task
    def reconciliation_input():
        """The execution input: the run's window (`window`), and the queues."""
        context = get_current_context()
        prefix = Variable.get("seam_queue_url_prefix")
        name = f"reconciliation-{context['ds']}"
        return traced(
            name,
            {
                **window(context["data_interval_start"], context["data_interval_end"]),
                "queues": {module: prefix + module for module in TASK_MODULES},
            },
        )

    started = StepFunctionStartExecutionOperator(
        task_id="start_execution",
        state_machine_arn=STATE_MACHINE_ARN,
        name=EXECUTION_NAME,
        state_machine_input=reconciliation_input(),
    )

    StepFunctionExecutionSensor(
        task_id="wait_for_execution",
        execution_arn=started.output,
        # A failed execution stays failed: waiting again would not change it.
        retries=0,
        mode="reschedule",
        poke_interval=60,
        timeout=2 * 60 * 60,
    )
