# Generated from libs/modules/ordering/workflows/order-fulfilment.asl.json
# (sha256 ba975ac283acbacfb51b5688b0fd49822465fb1e6c91abb73267cc2e22aea306).
# Generated — do not edit; run `npm run workflows:dag`.
"""ordering__order_fulfilment: the ordering workflow order-fulfilment, on Airflow.

Order fulfilment saga, owned by ordering: reserve stock, authorise payment, book the parcel, capture, confirm, commit stock. On a failure the order is rejected with a reason the customer can read, then every step is undone in reverse (each undo is idempotent and a no-op when there is nothing to undo). One definition for the local engine and AWS Step Functions: see docs/workflows.md. Input: {orderId, customerId, lines, total, cardToken, shippingAddress, shippingSpeed, shippingTotal, weightGrams, correlationId, queues}.

Trigger it with conf = the workflow's execution input, including "correlationId" and
"queues": {"<module>": "<queue URL>", ...}. Every ASL state is one task. A Task state sends a
message to its module's queue (conf["queues"][module]) and waits up to its TimeoutSeconds for
the reply on the reply queue (Airflow Variable "seam_reply_queue_url"):

    request {"pattern", "correlationId", "input", "replyTo": <reply queue URL>,
             "requestId": <new for every attempt>}
    reply   {"requestId", "response": <result>}  or  {"requestId", "error": {"name", "message"}}

Retry and Catch work as in Step Functions (Airflow's own retries are off). A task runs when
the state before it chose it and skips itself otherwise. See docs/runbooks/run-workflows-on-mwaa.md.
"""

import copy
import json
import math
import random
import re
import time
import uuid
from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.exceptions import AirflowSkipException
from airflow.models import Variable
from airflow.operators.python import PythonOperator
from airflow.utils.trigger_rule import TriggerRule

REPLY_QUEUE_VARIABLE = "seam_reply_queue_url"
# The reply queue is shared: a reply for another task is handed back after this many seconds.
OTHERS_REPLY_VISIBILITY_SECONDS = 1
MAX_ACTIVE_RUNS = 16

DAG_ID = "ordering__order_fulfilment"
MODULE = "ordering"
SOURCE = "libs/modules/ordering/workflows/order-fulfilment.asl.json"
START_AT = "ReserveStock"
WORKFLOW_TIMEOUT_SECONDS = None

# The states as written in SOURCE, except that Task messages carry no taskToken: an Airflow
# task waits for the reply to its requestId instead (see SqsModuleCall).
STATES = {
    "ReserveStock": {
        "Type": "Task",
        "Comment": "Hold every line's stock for the order. OutOfStockError is final.",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.inventory",
            "MessageBody": {
                "pattern": "inventory.reserve",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                    "lines.$": "$.lines",
                    "holdSeconds": 3600,
                },
            },
        },
        "ResultSelector": {
            "status.$": "$.status",
            "expiresAt.$": "$.expiresAt",
        },
        "ResultPath": "$.reservation",
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 12,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": [
                    "PaymentGatewayTimeoutError",
                    "PaymentGatewayUnavailableError",
                    "ModuleTimeoutError",
                    "InternalError",
                    "States.Timeout",
                ],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 3,
                "JitterStrategy": "FULL",
            },
        ],
        "Catch": [
            {
                "ErrorEquals": ["States.ALL"],
                "ResultPath": "$.failure",
                "Next": "ExplainFailure",
            },
        ],
        "Next": "AuthorizePayment",
    },
    "AuthorizePayment": {
        "Type": "Task",
        "Comment": "Hold the order total on the customer's card. PaymentDeclinedError is final; gateway timeouts are retried.",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.payments",
            "MessageBody": {
                "pattern": "payments.authorize",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                    "amount.$": "$.total",
                    "cardToken.$": "$.cardToken",
                },
            },
        },
        "ResultSelector": {
            "status.$": "$.status",
            "authorizedAmount.$": "$.authorizedAmount",
        },
        "ResultPath": "$.payment",
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 12,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": [
                    "PaymentGatewayTimeoutError",
                    "PaymentGatewayUnavailableError",
                    "ModuleTimeoutError",
                    "InternalError",
                    "States.Timeout",
                ],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 3,
                "JitterStrategy": "FULL",
            },
        ],
        "Catch": [
            {
                "ErrorEquals": ["States.ALL"],
                "ResultPath": "$.failure",
                "Next": "ExplainFailure",
            },
        ],
        "Next": "CreateShipment",
    },
    "CreateShipment": {
        "Type": "Task",
        "Comment": "Book the parcel at the shipping price the customer paid. UndeliverableError is final.",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.shipping",
            "MessageBody": {
                "pattern": "shipping.create-shipment",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                    "address.$": "$.shippingAddress",
                    "weightGrams.$": "$.weightGrams",
                    "currency.$": "$.total.currency",
                    "speed.$": "$.shippingSpeed",
                    "price.$": "$.shippingTotal",
                },
            },
        },
        "ResultSelector": {
            "trackingNumber.$": "$.trackingNumber",
            "carrier.$": "$.carrier",
        },
        "ResultPath": "$.shipment",
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 12,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": [
                    "PaymentGatewayTimeoutError",
                    "PaymentGatewayUnavailableError",
                    "ModuleTimeoutError",
                    "InternalError",
                    "States.Timeout",
                ],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 3,
                "JitterStrategy": "FULL",
            },
        ],
        "Catch": [
            {
                "ErrorEquals": ["States.ALL"],
                "ResultPath": "$.failure",
                "Next": "ExplainFailure",
            },
        ],
        "Next": "CapturePayment",
    },
    "CapturePayment": {
        "Type": "Task",
        "Comment": "Take the authorised amount. Transient failures are retried for about three minutes: an unclear capture must be settled before anything is undone (a capture that did go through is refunded, never voided).",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.payments",
            "MessageBody": {
                "pattern": "payments.capture",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                },
            },
        },
        "ResultSelector": {
            "status.$": "$.status",
            "capturedAmount.$": "$.capturedAmount",
        },
        "ResultPath": "$.payment",
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 12,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": [
                    "PaymentGatewayTimeoutError",
                    "PaymentGatewayUnavailableError",
                    "ModuleTimeoutError",
                    "InternalError",
                    "States.Timeout",
                ],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 8,
                "JitterStrategy": "FULL",
                "MaxDelaySeconds": 60,
            },
        ],
        "Catch": [
            {
                "ErrorEquals": ["States.ALL"],
                "ResultPath": "$.failure",
                "Next": "ExplainFailure",
            },
        ],
        "Next": "ConfirmOrder",
    },
    "ConfirmOrder": {
        "Type": "Task",
        "Comment": "PENDING to CONFIRMED: the point of no return. Fails with IllegalOrderTransitionError when the customer cancelled meanwhile.",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.ordering",
            "MessageBody": {
                "pattern": "ordering.confirm",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                },
            },
        },
        "ResultPath": None,
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 12,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": [
                    "PaymentGatewayTimeoutError",
                    "PaymentGatewayUnavailableError",
                    "ModuleTimeoutError",
                    "InternalError",
                    "States.Timeout",
                ],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 3,
                "JitterStrategy": "FULL",
            },
        ],
        "Catch": [
            {
                "ErrorEquals": ["States.ALL"],
                "ResultPath": "$.failure",
                "Next": "ExplainFailure",
            },
        ],
        "Next": "CommitStock",
    },
    "CommitStock": {
        "Type": "Task",
        "Comment": "Turn the held stock into shipped stock. The hold (holdSeconds) outlives every retry above, so a failure here needs an operator and fails the execution.",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.inventory",
            "MessageBody": {
                "pattern": "inventory.commit",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                },
            },
        },
        "ResultPath": None,
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 12,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": [
                    "PaymentGatewayTimeoutError",
                    "PaymentGatewayUnavailableError",
                    "ModuleTimeoutError",
                    "InternalError",
                    "States.Timeout",
                ],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 3,
                "JitterStrategy": "FULL",
            },
        ],
        "Next": "Fulfilled",
    },
    "Fulfilled": {
        "Type": "Succeed",
        "Comment": "Confirmed, paid, shipped.",
    },
    "ExplainFailure": {
        "Type": "Choice",
        "Comment": "Turn the failure into a reason the customer can read.",
        "Choices": [
            {
                "Variable": "$.failure.Error",
                "StringEquals": "OutOfStockError",
                "Next": "ReasonOutOfStock",
            },
            {
                "Variable": "$.failure.Error",
                "StringEquals": "ReservationReleasedError",
                "Next": "ReasonHoldExpired",
            },
            {
                "Variable": "$.failure.Error",
                "StringEquals": "PaymentDeclinedError",
                "Next": "ReasonPaymentDeclined",
            },
            {
                "Variable": "$.failure.Error",
                "StringEquals": "UndeliverableError",
                "Next": "ReasonUndeliverable",
            },
        ],
        "Default": "ReasonUnavailable",
    },
    "ReasonOutOfStock": {
        "Type": "Pass",
        "Result": "Some items in your order are out of stock. You have not been charged.",
        "ResultPath": "$.reason",
        "Next": "RejectOrder",
    },
    "ReasonHoldExpired": {
        "Type": "Pass",
        "Result": "Your order took too long to process and its items were released. You have not been charged.",
        "ResultPath": "$.reason",
        "Next": "RejectOrder",
    },
    "ReasonPaymentDeclined": {
        "Type": "Pass",
        "Result": "Your payment was declined. You have not been charged.",
        "ResultPath": "$.reason",
        "Next": "RejectOrder",
    },
    "ReasonUndeliverable": {
        "Type": "Pass",
        "Result": "We cannot deliver this order to your address. You have not been charged.",
        "ResultPath": "$.reason",
        "Next": "RejectOrder",
    },
    "ReasonUnavailable": {
        "Type": "Pass",
        "Result": "We could not complete your order right now. You have not been charged; please try again later.",
        "ResultPath": "$.reason",
        "Next": "RejectOrder",
    },
    "RejectOrder": {
        "Type": "Task",
        "Comment": "PENDING to REJECTED with the reason, before anything is undone: a re-run after a crash then keeps the first reason. An order the customer cancelled meanwhile stays CANCELLED and is undone; an order already CONFIRMED (its confirmation's reply was lost) is completed instead.",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.ordering",
            "MessageBody": {
                "pattern": "ordering.reject",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                    "reason.$": "$.reason",
                },
            },
        },
        "ResultPath": None,
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["IllegalOrderTransitionError", "OrderAlreadyConfirmedError"],
                "MaxAttempts": 0,
            },
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 40,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": ["States.ALL"],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 10,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
        ],
        "Catch": [
            {
                "ErrorEquals": ["OrderAlreadyConfirmedError"],
                "ResultPath": None,
                "Next": "CommitStock",
            },
            {
                "ErrorEquals": ["IllegalOrderTransitionError"],
                "ResultPath": None,
                "Next": "CancelShipment",
            },
        ],
        "Next": "CancelShipment",
    },
    "CancelShipment": {
        "Type": "Task",
        "Comment": "Compensation: cancel the parcel (a no-op when none was booked).",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.shipping",
            "MessageBody": {
                "pattern": "shipping.cancel-shipment",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                },
            },
        },
        "ResultPath": None,
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 40,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": ["States.ALL"],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 10,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
        ],
        "Next": "VoidPayment",
    },
    "VoidPayment": {
        "Type": "Task",
        "Comment": "Compensation: release the card hold (a no-op when there is none). A captured payment is refunded instead.",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.payments",
            "MessageBody": {
                "pattern": "payments.void",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                },
            },
        },
        "ResultPath": None,
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["PaymentAlreadyCapturedError"],
                "MaxAttempts": 0,
            },
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 40,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": ["States.ALL"],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 10,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
        ],
        "Catch": [
            {
                "ErrorEquals": ["PaymentAlreadyCapturedError"],
                "ResultPath": None,
                "Next": "RefundPayment",
            },
        ],
        "Next": "ReleaseStock",
    },
    "RefundPayment": {
        "Type": "Task",
        "Comment": "Compensation: return a captured payment in full.",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.payments",
            "MessageBody": {
                "pattern": "payments.refund",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                },
            },
        },
        "ResultPath": None,
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 40,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": ["States.ALL"],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 10,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
        ],
        "Next": "ReleaseStock",
    },
    "ReleaseStock": {
        "Type": "Task",
        "Comment": "Compensation: give the held stock back (a no-op when nothing is held).",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {
            "QueueUrl.$": "$$.Execution.Input.queues.inventory",
            "MessageBody": {
                "pattern": "inventory.release",
                "correlationId.$": "$$.Execution.Input.correlationId",
                "input": {
                    "orderId.$": "$.orderId",
                },
            },
        },
        "ResultPath": None,
        "TimeoutSeconds": 30,
        "Retry": [
            {
                "ErrorEquals": ["ModuleUnavailableError"],
                "IntervalSeconds": 5,
                "BackoffRate": 1.5,
                "MaxAttempts": 40,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
            {
                "ErrorEquals": ["States.ALL"],
                "IntervalSeconds": 1,
                "BackoffRate": 2,
                "MaxAttempts": 10,
                "MaxDelaySeconds": 30,
                "JitterStrategy": "FULL",
            },
        ],
        "Next": "Compensated",
    },
    "Compensated": {
        "Type": "Succeed",
        "Comment": "The order is REJECTED (or was CANCELLED by the customer) and every step is undone.",
    },
}

# Where each state can go next (Next, Catch, Choices, Default): the edges of the DAG.
TRANSITIONS = {
    "ReserveStock": ["AuthorizePayment", "ExplainFailure"],
    "AuthorizePayment": ["CreateShipment", "ExplainFailure"],
    "CreateShipment": ["CapturePayment", "ExplainFailure"],
    "CapturePayment": ["ConfirmOrder", "ExplainFailure"],
    "ConfirmOrder": ["CommitStock", "ExplainFailure"],
    "CommitStock": ["Fulfilled"],
    "Fulfilled": [],
    "ExplainFailure": [
        "ReasonOutOfStock",
        "ReasonHoldExpired",
        "ReasonPaymentDeclined",
        "ReasonUndeliverable",
        "ReasonUnavailable",
    ],
    "ReasonOutOfStock": ["RejectOrder"],
    "ReasonHoldExpired": ["RejectOrder"],
    "ReasonPaymentDeclined": ["RejectOrder"],
    "ReasonUndeliverable": ["RejectOrder"],
    "ReasonUnavailable": ["RejectOrder"],
    "RejectOrder": ["CancelShipment", "CommitStock"],
    "CancelShipment": ["VoidPayment"],
    "VoidPayment": ["ReleaseStock", "RefundPayment"],
    "RefundPayment": ["ReleaseStock"],
    "ReleaseStock": ["Compensated"],
    "Compensated": [],
}

PREDECESSORS = {
    state: [source for source, targets in TRANSITIONS.items() if state in targets]
    for state in STATES
}


# ---- One state, as Step Functions runs it (plain Python) -------------------------------------


class WorkflowError(Exception):
    """An ASL error: the name Retry and Catch match (PaymentDeclinedError, States.Timeout, ...)."""

    def __init__(self, name, cause=""):
        super().__init__(f"{name}: {cause}")
        self.name = name
        self.cause = cause


_PATH_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]")


def resolve_path(path, data, context):
    """The value at a JSONPath: $, $.a.b, $.a[0] (data); $$.Execution.Input.a (context)."""
    target, steps = (context, path[2:]) if path.startswith("$$") else (data, path[1:])
    position = 0
    while position < len(steps):
        step = _PATH_STEP.match(steps, position)
        key, index = step.groups() if step else (None, None)
        if key is not None and isinstance(target, dict) and key in target:
            target = target[key]
        elif index is not None and isinstance(target, list) and int(index) < len(target):
            target = target[int(index)]
        else:
            raise WorkflowError("States.Runtime", f"the JSONPath {path} matches nothing")
        position = step.end()
    return target


def apply_template(template, data, context):
    """A payload template (Parameters, ResultSelector): field "x.$" becomes x, the value at its path."""
    if isinstance(template, list):
        return [apply_template(item, data, context) for item in template]
    if not isinstance(template, dict):
        return template
    result = {}
    for field, value in template.items():
        if field.endswith(".$"):
            result[field[:-2]] = resolve_path(value, data, context)
        else:
            result[field] = apply_template(value, data, context)
    return result


def apply_result_path(result_path, data, result):
    """ResultPath: null keeps the state's input, $ replaces it, $.a.b sets a.b in a copy of it."""
    if result_path is None:
        return data
    if result_path == "$":
        return result
    output = copy.deepcopy(data)
    *parents, last = result_path[2:].split(".")
    target = output
    for key in parents:
        if isinstance(target, dict):
            target = target.setdefault(key, {})
    if not isinstance(target, dict):
        raise WorkflowError("States.Runtime", f"ResultPath {result_path} does not fit the state")
    target[last] = result
    return output


def select(path, data, context):
    """InputPath and OutputPath: null gives {}, a path picks that part of the data."""
    return {} if path is None else resolve_path(path, data, context)


def matches(error_equals, error_name):
    """Whether a Retry or Catch entry applies. As in Step Functions, nothing catches States.Runtime
    (the definition does not fit the data), and States.TaskFailed is any error but a timeout."""
    if error_name == "States.Runtime":
        return False
    return (
        error_name in error_equals
        or "States.ALL" in error_equals
        or ("States.TaskFailed" in error_equals and error_name != "States.Timeout")
    )


def retry_delay(retrier, retries_so_far, jitter):
    """Seconds before the next attempt: IntervalSeconds x BackoffRate^n, at most MaxDelaySeconds;
    with FULL jitter a random part of that."""
    delay = retrier.get("IntervalSeconds", 1) * retrier.get("BackoffRate", 2.0) ** retries_so_far
    delay = min(delay, retrier.get("MaxDelaySeconds", delay))
    if retrier.get("JitterStrategy") == "FULL":
        delay *= jitter()
    return delay


def run_state(name, data, execution_input, call, sleep=time.sleep, jitter=random.random):
    """Runs one state on its input; returns (the state it chose next, or None at the end; its output).

    call(queue_url, message, timeout_seconds) hands a Task's message to its module and returns the
    module's result, or raises WorkflowError with the module's error name or States.Timeout.
    """
    state = STATES[name]
    context = {"Execution": {"Input": execution_input}}
    if state["Type"] == "Task":
        return run_task(state, data, context, call, sleep, jitter)
    if state["Type"] == "Choice":
        return run_choice(state, data, context)
    if state["Type"] == "Fail":
        raise WorkflowError(state.get("Error", "States.Fail"), state.get("Cause", ""))
    effective = select(state.get("InputPath", "$"), data, context)
    if state["Type"] == "Succeed":
        return None, select(state.get("OutputPath", "$"), effective, context)
    if "Parameters" in state:  # Pass
        result = apply_template(state["Parameters"], effective, context)
    else:
        result = state.get("Result", effective)
    output = apply_result_path(state.get("ResultPath", "$"), data, result)
    return state.get("Next"), select(state.get("OutputPath", "$"), output, context)


def run_task(state, data, context, call, sleep, jitter):
    """A Task: send the module its message and wait for the reply; Retry, then Catch, on errors."""
    effective = select(state.get("InputPath", "$"), data, context)
    request = apply_template(state["Parameters"], effective, context)
    retriers = state.get("Retry", [])
    retries = [0] * len(retriers)
    while True:
        try:
            result = call(request["QueueUrl"], request["MessageBody"], state["TimeoutSeconds"])
            break
        except WorkflowError as error:
            # The first retrier naming the error decides; once it is used up, Catch decides.
            index = next(
                (i for i, r in enumerate(retriers) if matches(r["ErrorEquals"], error.name)), None
            )
            if index is None or retries[index] >= retriers[index].get("MaxAttempts", 3):
                return catch(state, data, error)
            sleep(retry_delay(retriers[index], retries[index], jitter))
            retries[index] += 1
    if "ResultSelector" in state:
        result = apply_template(state["ResultSelector"], result, context)
    output = apply_result_path(state.get("ResultPath", "$"), data, result)
    return state.get("Next"), select(state.get("OutputPath", "$"), output, context)


def catch(state, data, error):
    """The first Catch naming the error: {Error, Cause} goes to its ResultPath, then to its Next.
    Without one, the error fails the task and the run."""
    for catcher in state.get("Catch", []):
        if matches(catcher["ErrorEquals"], error.name):
            failure = {"Error": error.name, "Cause": error.cause}
            return catcher["Next"], apply_result_path(catcher.get("ResultPath", "$"), data, failure)
    raise error


COMPARISONS = {
    "StringEquals": lambda value, expected: isinstance(value, str) and value == expected,
    "NumericEquals": lambda value, expected: type(value) in (int, float) and value == expected,
    "BooleanEquals": lambda value, expected: isinstance(value, bool) and value == expected,
}


def run_choice(state, data, context):
    """A Choice: the first rule whose Variable compares true picks the next state, else Default."""
    effective = select(state.get("InputPath", "$"), data, context)
    output = select(state.get("OutputPath", "$"), effective, context)
    for rule in state["Choices"]:
        comparison = next(name for name in COMPARISONS if name in rule)
        value = resolve_path(rule["Variable"], effective, context)
        if COMPARISONS[comparison](value, rule[comparison]):
            return rule["Next"], output
    if "Default" in state:
        return state["Default"], output
    raise WorkflowError("States.NoChoiceMatched", "no Choice rule matched and there is no Default")


# ---- Modules over SQS ---------------------------------------------------------------------------


class SqsModuleCall:
    """Sends a Task's message to its module's queue and waits for the reply on the reply queue.

    The message is the Task's MessageBody plus "replyTo" (the reply queue URL) and "requestId"
    (new for every attempt). The module answers on replyTo with {"requestId", "response"} or
    {"requestId", "error": {"name", "message"}}. Replies to other requests (other runs, or
    attempts that timed out) are left for their own waiter; the reply queue's short retention
    removes those nobody waits for.
    """

    def __init__(self, sqs, reply_queue_url, clock=time.monotonic):
        self.sqs = sqs
        self.reply_queue_url = reply_queue_url
        self.clock = clock

    def __call__(self, queue_url, message, timeout_seconds):
        request_id = str(uuid.uuid4())
        body = {**message, "replyTo": self.reply_queue_url, "requestId": request_id}
        self.sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(body))
        deadline = self.clock() + timeout_seconds
        while (remaining := deadline - self.clock()) > 0:
            reply = self.receive_reply(request_id, wait_seconds=min(20, math.ceil(remaining)))
            if reply is None:
                continue
            if "error" in reply:
                raise WorkflowError(reply["error"]["name"], reply["error"].get("message", ""))
            return reply.get("response")
        pattern = message.get("pattern")
        raise WorkflowError("States.Timeout", f"no reply to {pattern} in {timeout_seconds} s")

    def receive_reply(self, request_id, wait_seconds):
        """The reply to request_id if it comes within wait_seconds (long polling), else None."""
        received = self.sqs.receive_message(
            QueueUrl=self.reply_queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_seconds
        )
        mine = None
        for message in received.get("Messages", []):
            try:
                reply = json.loads(message["Body"])
            except ValueError:
                reply = None
            if isinstance(reply, dict) and reply.get("requestId") == request_id:
                self.sqs.delete_message(
                    QueueUrl=self.reply_queue_url, ReceiptHandle=message["ReceiptHandle"]
                )
                mine = reply
            else:
                self.sqs.change_message_visibility(
                    QueueUrl=self.reply_queue_url,
                    ReceiptHandle=message["ReceiptHandle"],
                    VisibilityTimeout=OTHERS_REPLY_VISIBILITY_SECONDS,
                )
        return mine


# ---- Airflow ------------------------------------------------------------------------------------


def sqs_module_call():
    """Module calls with the worker's AWS credentials (on MWAA, the environment's execution role)."""
    import boto3  # present on every MWAA worker; imported here so the logic above loads without it

    return SqsModuleCall(boto3.client("sqs"), Variable.get(REPLY_QUEUE_VARIABLE))


def airflow_task(state_name, **context):
    """The callable of every task: runs its state when the state before it chose it, else skips.

    Returns {"next": <the state it chose>, "output": <its output>}; the next task reads it (XCom).
    """
    execution_input = context["dag_run"].conf or {}
    if state_name == START_AT:
        data = execution_input
    else:
        ti = context["ti"]
        arrivals = [ti.xcom_pull(task_ids=source) for source in PREDECESSORS[state_name]]
        chosen_by = [arrival for arrival in arrivals if arrival and arrival["next"] == state_name]
        if not chosen_by:
            raise AirflowSkipException(f"{state_name} is not on this run's path")
        data = chosen_by[0]["output"]
    call = sqs_module_call() if STATES[state_name]["Type"] == "Task" else None
    next_state, output = run_state(state_name, data, execution_input, call)
    return {"next": next_state, "output": output}


with DAG(
    dag_id=DAG_ID,
    doc_md=__doc__,
    schedule=None,  # one run per workflow execution, triggered with conf = the execution input
    start_date=datetime(2024, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=MAX_ACTIVE_RUNS,
    dagrun_timeout=(
        timedelta(seconds=WORKFLOW_TIMEOUT_SECONDS) if WORKFLOW_TIMEOUT_SECONDS else None
    ),
    is_paused_upon_creation=False,  # the application triggers it; a paused DAG would only queue runs
    default_args={"retries": 0},  # the ASL's Retry decides which errors are retried (run_task)
    tags=["seam", MODULE],
) as dag:
    tasks = {
        name: PythonOperator(
            task_id=name,
            python_callable=airflow_task,
            op_kwargs={"state_name": name},
            # Run once every predecessor has finished (or been skipped): only one of them chose
            # this state, or none did and airflow_task skips it. A failure fails what follows.
            trigger_rule=TriggerRule.NONE_FAILED,
            doc_md=STATES[name].get("Comment"),
        )
        for name in STATES
    }
    for source, targets in TRANSITIONS.items():
        for target in targets:
            tasks[source] >> tasks[target]

