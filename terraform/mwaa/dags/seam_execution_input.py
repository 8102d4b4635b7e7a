"""What every Seam DAG adds to the input of the Step Functions executions it starts.

Not a DAG: the DAGs of this folder import it (Airflow, and MWAA, put the DAG folder on the
Python path). Each execution's task messages carry a correlation id and a W3C trace context.
"""

import hashlib
import uuid


def traced(name, execution_input):
    """The input with a correlation id and a W3C traceparent where it has none, derived from the
    execution's name: the same execution started again has the same input, which Step Functions
    accepts as the execution already started instead of refusing it."""
    digest = hashlib.sha256(name.encode()).hexdigest()
    return {
        "correlationId": str(uuid.uuid5(uuid.NAMESPACE_URL, f"seam:execution:{name}")),
        "traceparent": f"00-{digest[:32]}-{digest[32:48]}-01",
        **execution_input,
    }
