// Generated from docs/openapi.json by openapi-typescript (npm run openapi). Do not edit.
export interface paths {
    "/dev/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Development only: a customer token signed with the local key */
        post: operations["DevTokenController_issue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev/admin-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Development only: an administrator's token signed with the local key (console) */
        post: operations["DevTokenController_issueAdmin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is running and serving HTTP. */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: every hosted module reaches its database schema (503 if not); circuit breakers of remote modules and the queues consumed are listed (an open breaker does not make this process unready). */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How far behind each module's outbox delivery is */
        get: operations["OutboxAdminController_lag"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/outbox/parked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the parked outbox events of every module */
        get: operations["OutboxAdminController_parked"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/outbox/{module}/redrive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put a module's parked outbox events back in line
         * @description Audited (GET /admin/audit, action `outbox.redrive`) in the same transaction.
         */
        post: operations["OutboxAdminController_redrive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List workflow executions */
        get: operations["WorkflowExecutionsController_list"];
        put?: never;
        /**
         * Start a workflow execution by hand
         * @description For a workflow that no state change starts, such as the nightly payments reconciliation run now or again for another window. One execution per workflow and name. Audited (`workflow.start`) in the same transaction.
         */
        post: operations["WorkflowExecutionsController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/executions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a workflow execution and its step timeline */
        get: operations["WorkflowExecutionsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/executions/{id}/definition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ASL definition of an execution's workflow, as run here */
        get: operations["WorkflowExecutionsController_definition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/executions/{id}/trace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An execution's whole trace (its order's), from the spans this process keeps */
        get: operations["WorkflowExecutionsController_trace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/executions/{id}/redrive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a FAILED execution again from the start (local engine)
         * @description Every saga step is idempotent, so a new run repeats nothing that happened. Audited (`workflow.redrive`) in the same transaction.
         */
        post: operations["WorkflowExecutionsController_redrive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/executions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a PENDING or RUNNING execution as FAILED (Cancelled), local engine
         * @description For an execution stuck on a step: its run is disowned, no compensation runs. Audited (`workflow.cancel`) in the same transaction.
         */
        post: operations["WorkflowExecutionsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List audited operator actions, newest first */
        get: operations["AdminAuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current flag values and where they come from */
        get: operations["AdminFlagsController_values"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/flags/{flag}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Flip a route flag (development: local flag document only)
         * @description Writes the local flag document and waits until this process applies it. Logged, and audited (`flag.set`) in the log of the routed module.
         */
        put: operations["AdminFlagsController_set"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/topology": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each module: route flag, whether hosted here, which process serves it */
        get: operations["AdminTopologyController_topology"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/breakers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Circuit breakers and bulkheads of calls to other processes, live */
        get: operations["AdminTopologyController_breakers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each module's command queue and DLQ with their depths */
        get: operations["AdminQueuesController_queues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/queues/{module}/dlq/redrive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a module's dead letters back onto its command queue (up to 1000)
         * @description Audited (`dlq.redrive`) in the log of the module, with the depths before and after.
         */
        post: operations["AdminQueuesController_redrive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List products, a page at a time */
        get: operations["ListProductsHttpController_list"];
        put?: never;
        /** Create a product */
        post: operations["CreateProductHttpController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/products/{sku}/price": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change the price of a product */
        put: operations["ChangePriceHttpController_changePrice"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/products/{sku}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deactivate a product, so it is no longer sold */
        post: operations["DeactivateProductHttpController_deactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/products/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a product by its SKU */
        get: operations["GetProductHttpController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inventory/stock/{sku}/{warehouse}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the counted stock of a SKU in a warehouse */
        put: operations["SetStockLevelHttpController_set"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inventory/stock/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the stock of a SKU in every warehouse */
        get: operations["GetStockHttpController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inventory/reservations/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the stock reservation of an order */
        get: operations["GetReservationHttpController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the payment of an order */
        get: operations["GetPaymentHttpController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/shipping/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Quote the shipping of a parcel */
        get: operations["QuoteShippingHttpController_quote"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/shipping/shipments/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the shipment of an order */
        get: operations["GetShipmentHttpController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Place an order */
        post: operations["PlaceOrderHttpController_place"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a pending order */
        post: operations["CancelOrderHttpController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an order */
        get: operations["GetOrderHttpController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{id}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a customer's orders, newest first */
        get: operations["ListCustomerOrdersHttpController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the messages sent to a customer */
        get: operations["ListCustomerMessagesHttpController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        DevTokenRequest: {
            /**
             * @description The customer id (the token subject)
             * @example ada
             */
            customerId: string;
        };
        DevTokenDto: {
            token: string;
            /** @example 12h */
            expiresIn: string;
        };
        DevAdminTokenRequest: {
            /**
             * @description The operator id (the token subject, in the audit log)
             * @example ops
             */
            operatorId: string;
        };
        OutboxLagDto: {
            module: string;
            /** @description Events written but not delivered yet (parked ones aside) */
            pending: number;
            /** @description Age of the oldest of them in milliseconds; 0 when none wait */
            oldestPendingMs: number;
            /** @description Events waiting for an operator */
            parked: number;
        };
        ParkedEventDto: {
            /** Format: uuid */
            id: string;
            /** @example shipping.shipment-created */
            pattern: string;
            aggregateId: string;
            attempts: number;
            lastError: string | null;
            parkedAt: string;
        };
        ModuleParkedEventsDto: {
            module: string;
            events: components["schemas"]["ParkedEventDto"][];
        };
        RedriveRequest: {
            /** @description Parked event ids; omit to redrive every parked event of the module */
            ids?: string[];
        };
        ExecutionSummaryDto: {
            /** Format: uuid */
            id: string;
            /** @example ordering */
            module: string;
            /** @example order-fulfilment */
            workflow: string;
            /** @description Business key, e.g. the order id */
            name: string;
            /** @enum {string} */
            engine: "local" | "stepfunctions";
            /** @enum {string} */
            status: "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED" | "SUBMITTED";
            /** @description Runs so far; more than 1 after a crash re-drove it */
            runs: number;
            error: string | null;
            cause: string | null;
            definitionHash: string | null;
            /** @description Step Functions execution ARN */
            externalId: string | null;
            createdAt: string;
            startedAt: string | null;
            endedAt: string | null;
        };
        ExecutionPageDto: {
            items: components["schemas"]["ExecutionSummaryDto"][];
            page: number;
            pageSize: number;
        };
        StartExecutionRequest: {
            /** @example payments-reconciliation */
            workflow: string;
            /**
             * @description The execution name: one execution per workflow and name. 1-80 letters, digits, - or _ (as Step Functions allows)
             * @example reconciliation-2026-12-05
             */
            name: string;
            /**
             * @description The execution's input; its Tasks validate what they read from it
             * @example {
             *       "since": "2026-12-05T00:00:00.000Z",
             *       "until": "2026-12-06T00:00:00.000Z"
             *     }
             */
            input: {
                [key: string]: unknown;
            };
        };
        ExecutionStepDto: {
            run: number;
            seq: number;
            /** @example AuthorizePayment */
            state: string;
            /** @example payments.authorize */
            pattern: string | null;
            /** @enum {string} */
            status: "RUNNING" | "SUCCEEDED" | "FAILED" | "CAUGHT";
            attempts: number;
            startedAt: string;
            endedAt: string | null;
            error: string | null;
            cause: string | null;
            /** @description The Task state's input */
            input: Record<string, never> | null;
            /** @description The Task state's output */
            output: Record<string, never> | null;
        };
        ExecutionDetailsDto: {
            /** Format: uuid */
            id: string;
            /** @example ordering */
            module: string;
            /** @example order-fulfilment */
            workflow: string;
            /** @description Business key, e.g. the order id */
            name: string;
            /** @enum {string} */
            engine: "local" | "stepfunctions";
            /** @enum {string} */
            status: "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED" | "SUBMITTED";
            /** @description Runs so far; more than 1 after a crash re-drove it */
            runs: number;
            error: string | null;
            cause: string | null;
            definitionHash: string | null;
            /** @description Step Functions execution ARN */
            externalId: string | null;
            createdAt: string;
            startedAt: string | null;
            endedAt: string | null;
            input: Record<string, never>;
            output: Record<string, never> | null;
            steps: components["schemas"]["ExecutionStepDto"][];
        };
        WorkflowDefinitionDto: {
            /** @example ordering */
            module: string;
            /** @example order-fulfilment */
            workflow: string;
            /** @description SHA-256 of the definition this process runs */
            hash: string;
            /** @description Whether the execution started on this same definition */
            sameAsExecution: boolean;
            /** @description The Amazon States Language document */
            asl: Record<string, never>;
        };
        SpanDto: {
            spanId: string;
            parentSpanId: string | null;
            /** @example POST /orders */
            name: string;
            /** @enum {string} */
            kind: "INTERNAL" | "SERVER" | "CLIENT" | "PRODUCER" | "CONSUMER";
            /** @example monolith */
            service: string;
            /** @description Start, epoch milliseconds */
            startMs: number;
            durationMs: number;
            /** @enum {string} */
            status: "UNSET" | "OK" | "ERROR";
            attributes: {
                [key: string]: unknown;
            };
        };
        ExecutionTraceDto: {
            /** @description The trace the execution runs in */
            traceId: string | null;
            /**
             * @description Who makes spans; `off`: none are kept (SEAM_TRACING)
             * @enum {string}
             */
            tracing: "off" | "seam" | "host";
            /** @description The trace's spans still in this process's ring buffer, by start */
            spans: components["schemas"]["SpanDto"][];
        };
        ExecutionChangeDto: {
            /** Format: uuid */
            id: string;
            /**
             * @description Status before the action
             * @enum {string}
             */
            before: "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED" | "SUBMITTED";
            /**
             * @description Status after the action
             * @enum {string}
             */
            status: "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED" | "SUBMITTED";
        };
        CancelExecutionRequest: {
            /** @example Stuck on a payment gateway that will not answer */
            reason?: string;
        };
        AuditRecordDto: {
            /** Format: uuid */
            id: string;
            /**
             * @description The module whose log holds the row
             * @example shipping
             */
            module: string;
            /** Format: date-time */
            at: string;
            /**
             * @description Token subject of the operator
             * @example ops
             */
            actor: string;
            /** @example outbox.redrive */
            action: string;
            /** @example shipping/outbox */
            target: string;
            /** @description State before the action */
            before: Record<string, never> | null;
            /** @description State after the action */
            after: Record<string, never> | null;
            /** @description Trace of the request that acted */
            traceId: string | null;
        };
        AuditPageDto: {
            items: components["schemas"]["AuditRecordDto"][];
            page: number;
            pageSize: number;
        };
        FlagsDto: {
            /**
             * @description Where the values come from
             * @enum {string}
             */
            source: "file" | "appconfig" | "agent";
            /** @description The document or AppConfig profile read */
            origin: string;
            /** @description Whether route flags can be flipped here (file source, not production) */
            editable: boolean;
            /** @description Why flipping is refused here, when it is */
            reason?: string;
            /** @description Every flag: enabled and its attributes */
            values: {
                [key: string]: Record<string, never>;
            };
        };
        SetRouteRequest: {
            /** @enum {string} */
            mode: "local" | "shadow" | "canary" | "remote";
            /** @description Share sent remote in canary mode */
            percent?: number;
        };
        FlagChangeDto: {
            /** @example route-payments */
            flag: string;
            /**
             * @example [
             *       "route-payments.mode: \"local\" → \"remote\""
             *     ]
             */
            changes: string[];
            value: Record<string, never>;
        };
        ModulePlacementDto: {
            /** @example payments */
            module: string;
            /**
             * @description The route flag (applied with the SQS transport)
             * @enum {string}
             */
            mode: "local" | "shadow" | "canary" | "remote";
            /** @description Share of calls sent remote in canary mode */
            percent: number;
            /** @description Whether this process hosts the module's code and schema */
            hostedHere: boolean;
            /**
             * @description Which process answers the module's calls, as routing stands now
             * @example this process
             */
            servedBy: string;
        };
        TopologyDto: {
            /** @enum {string} */
            transport: "in-process" | "sqs";
            /** @description True for a module service (SEAM_MODULES) */
            dedicated: boolean;
            /** @description Runs queue consumers, relays and workflow runners */
            backgroundWork: boolean;
            modules: components["schemas"]["ModulePlacementDto"][];
        };
        BreakerDto: {
            /** @example payments */
            module: string;
            /** @example payments.authorize */
            pattern: string;
            /** @enum {string} */
            state: "closed" | "half-open" | "open";
            /** @description Counts over the rolling window */
            window: {
                fires?: number;
                successes?: number;
                failures?: number;
                rejects?: number;
                timeouts?: number;
            };
            /** @description The bulkhead: calls under way against its capacity */
            bulkhead: {
                capacity?: number;
                inFlight?: number;
            };
        };
        QueueDepthDto: {
            /** @example payments */
            module: string;
            /** @example seam-payments */
            queue: string;
            /** @description Messages waiting */
            depth: number;
            /** @description Messages being handled now */
            inFlight: number;
            /** @example seam-payments-dlq */
            deadLetterQueue: string;
            /** @description Messages in the dead-letter queue */
            deadLetters: number;
        };
        QueuesDto: {
            /** @description False without the SQS transport: then there are no queues */
            sqs: boolean;
            queues: components["schemas"]["QueueDepthDto"][];
        };
        DeadLetterRedriveDto: {
            /** @example payments */
            module: string;
            /** @description Messages moved back to the command queue */
            moved: number;
        };
        MoneyDto: {
            /**
             * @description Integer minor units (1999 = 19.99)
             * @example 1999
             */
            amount: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
        };
        CreateProductRequest: {
            /** @example MUG-BLUE-350 */
            sku: string;
            /** @example Blue mug, 350 ml */
            name: string;
            /**
             * @default
             * @example Stoneware, dishwasher safe.
             */
            description?: string;
            price: components["schemas"]["MoneyDto"];
            /**
             * @description Whole grams, at least 1
             * @example 420
             */
            weightGrams: number;
        };
        ProductDto: {
            /** @example MUG-BLUE-350 */
            sku: string;
            /** @example Blue mug, 350 ml */
            name: string;
            /** @example Stoneware, dishwasher safe. */
            description: string;
            price: components["schemas"]["MoneyDto"];
            /** @example 420 */
            weightGrams: number;
            /** @description Inactive products are listed but cannot be ordered */
            active: boolean;
            /** @example 2026-11-21T10:00:00.000Z */
            updatedAt: string;
        };
        ProductPageDto: {
            items: components["schemas"]["ProductDto"][];
            /** @example 1 */
            page: number;
            /** @example 20 */
            pageSize: number;
            /**
             * @description Products matching the filter, on all pages
             * @example 42
             */
            total: number;
        };
        SetStockLevelRequest: {
            /**
             * @description Units on hand, counted
             * @example 40
             */
            onHand: number;
        };
        StockLevelDto: {
            /** @example MUG-BLUE-350 */
            sku: string;
            /** @example BER-1 */
            warehouse: string;
            /** @example 40 */
            onHand: number;
            /** @example 3 */
            reserved: number;
            /** @example 37 */
            available: number;
        };
        ReservedLineDto: {
            sku: string;
            warehouse: string;
            quantity: number;
        };
        ReservationDto: {
            orderId: string;
            /** @enum {string} */
            status: "HELD" | "RELEASED" | "COMMITTED" | "NONE";
            lines: components["schemas"]["ReservedLineDto"][];
            /** @example 2026-11-21T10:15:00.000Z */
            expiresAt: string | null;
        };
        PaymentDto: {
            orderId: string;
            /** @enum {string} */
            status: "AUTHORIZED" | "DECLINED" | "CAPTURED" | "VOIDED" | "REFUNDED" | "NONE";
            /** @example EUR */
            currency: string | null;
            /** @example 5997 */
            authorizedAmount: number;
            /** @example 5997 */
            capturedAmount: number;
            /** @example 0 */
            refundedAmount: number;
            declineReason?: string | null;
        };
        ShippingQuoteDto: {
            /** @example EU */
            zone: string;
            /** @enum {string} */
            speed: "standard" | "express";
            price: components["schemas"]["MoneyDto"];
        };
        ShipmentDto: {
            orderId: string;
            /** @enum {string} */
            status: "CREATED" | "CANCELLED" | "NONE";
            /** @example SEAM7Q2K9X4M1P */
            trackingNumber: string | null;
            /** @example SEAM-POST */
            carrier: string | null;
            price: components["schemas"]["MoneyDto"] | null;
        };
        OrderLineRequest: {
            /** @example MUG-BLUE-350 */
            sku: string;
            /** @example 2 */
            quantity: number;
        };
        AddressDto: {
            /** @example Ada Lovelace */
            name: string;
            /** @example Hauptstraße 1 */
            line1: string;
            /** @example 2. OG */
            line2?: string;
            /** @example Berlin */
            city: string;
            /** @example 10115 */
            postalCode: string;
            /** @example DE */
            country: string;
        };
        PlaceOrderRequest: {
            lines: components["schemas"]["OrderLineRequest"][];
            shippingAddress: components["schemas"]["AddressDto"];
            /**
             * @description Card token from the payment provider
             * @example tok_approve
             */
            paymentToken: string;
            /**
             * @description express only while the express-shipping flag is on (at a surcharge)
             * @default standard
             * @enum {string}
             */
            shippingSpeed?: "standard" | "express";
        };
        OrderLineDto: {
            sku: string;
            name: string;
            quantity: number;
            unitPrice: components["schemas"]["MoneyDto"];
            lineTotal: components["schemas"]["MoneyDto"];
            /** @description Weight of one unit, in grams */
            weightGrams: number;
        };
        OrderDto: {
            /** Format: uuid */
            id: string;
            customerId: string;
            /** @enum {string} */
            status: "PENDING" | "CONFIRMED" | "REJECTED" | "CANCELLED";
            /** @description Why the order was rejected, for the customer */
            rejectReason?: string | null;
            lines: components["schemas"]["OrderLineDto"][];
            itemsTotal: components["schemas"]["MoneyDto"];
            shippingTotal: components["schemas"]["MoneyDto"];
            total: components["schemas"]["MoneyDto"];
            totalWeightGrams: number;
            shippingAddress: components["schemas"]["AddressDto"];
            /** @enum {string} */
            shippingSpeed: "standard" | "express";
            /** @example 2026-11-21T10:00:00.000Z */
            placedAt: string;
            /** @example 2026-11-21T10:00:00.000Z */
            updatedAt: string;
        };
        OrderPageDto: {
            items: components["schemas"]["OrderDto"][];
            page: number;
            pageSize: number;
            total: number;
        };
        CustomerMessageDto: {
            /** Format: uuid */
            id: string;
            customerId: string;
            orderId: string;
            /** @enum {string} */
            kind: "ORDER_CONFIRMED" | "ORDER_REJECTED" | "SHIPMENT_CREATED";
            subject: string;
            body: string;
            /** @example 2026-11-21T10:00:00.000Z */
            createdAt: string;
        };
        CustomerMessagePageDto: {
            items: components["schemas"]["CustomerMessageDto"][];
            page: number;
            pageSize: number;
            total: number;
        };
        ProblemDetails: {
            /** @example urn:seam:problem:validation-failed */
            type: string;
            /** @example Bad Request */
            title: string;
            /** @example 400 */
            status: number;
            detail: string;
            /**
             * @description Stable, machine-readable
             * @example VALIDATION_FAILED
             */
            code: string;
            /** @example /orders */
            instance?: string;
            correlationId?: string;
            /** @description For VALIDATION_FAILED: each bad field */
            errors?: {
                field?: string;
                message?: string;
            }[];
            details?: {
                [key: string]: unknown;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    DevTokenController_issue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DevTokenRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevTokenDto"];
                };
            };
            /** @description customerId is not a plain id (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DevTokenController_issueAdmin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DevAdminTokenRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevTokenDto"];
                };
            };
            /** @description operatorId is not a plain id (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    OutboxAdminController_lag: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every module outbox hosted here */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutboxLagDto"][];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    OutboxAdminController_parked: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Parked events of every module hosted here (up to 100 each) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModuleParkedEventsDto"][];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    OutboxAdminController_redrive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                module: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedriveRequest"];
            };
        };
        responses: {
            /** @description { module, redriven }: how many parked events are back in line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No outbox of this module in this process */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The module's audit log is not in this process */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WorkflowExecutionsController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                status?: "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED" | "SUBMITTED";
                workflow?: string;
                /** @description Business key, e.g. an order id */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionPageDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WorkflowExecutionsController_start: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartExecutionRequest"];
            };
        };
        responses: {
            /** @description The execution, PENDING */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionSummaryDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No module of this process runs that workflow */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An execution of that workflow has that name already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WorkflowExecutionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The execution and its step timeline */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionDetailsDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No workflow execution with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WorkflowExecutionsController_definition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowDefinitionDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such execution, or its workflow is not run here */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WorkflowExecutionsController_trace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionTraceDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No workflow execution with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WorkflowExecutionsController_redrive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionChangeDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No workflow execution with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The execution is not FAILED, or not run by the local engine */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WorkflowExecutionsController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelExecutionRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionChangeDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No workflow execution with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The execution has ended, or is not run by the local engine */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AdminAuditController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Only this action */
                action?: string;
                /** @description Only this operator's actions (token subject) */
                actor?: string;
                /** @description Only actions on targets starting with this */
                target?: string;
                /** @description Only this module's log */
                module?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
            /** @description A filter or the page is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AdminFlagsController_values: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlagsDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AdminFlagsController_set: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flag: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetRouteRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlagChangeDto"];
                };
            };
            /** @description Not a route flag, or a mode or percent out of range */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Flags come from AppConfig, or this is production: change them there */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AdminTopologyController_topology: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopologyDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AdminTopologyController_breakers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One per (module, pattern) called remotely so far; none without the SQS transport */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BreakerDto"][];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AdminQueuesController_queues: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuesDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AdminQueuesController_redrive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                module: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetterRedriveDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such module, or no SQS transport in this process */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The module's audit log is not in this process */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListProductsHttpController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Only active (true) or only inactive (false) products */
                active?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductPageDto"];
                };
            };
            /** @description A query parameter is invalid (VALIDATION_FAILED) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateProductHttpController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProductRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductDto"];
                };
            };
            /** @description A product with this SKU exists (PRODUCT_ALREADY_EXISTS) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ChangePriceHttpController_changePrice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoneyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductDto"];
                };
            };
            /** @description No product with this SKU (PRODUCT_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeactivateProductHttpController_deactivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductDto"];
                };
            };
            /** @description No product with this SKU (PRODUCT_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetProductHttpController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductDto"];
                };
            };
            /** @description No product with this SKU (PRODUCT_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SetStockLevelHttpController_set: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sku: string;
                warehouse: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetStockLevelRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockLevelDto"];
                };
            };
            /** @description More than that is reserved (STOCK_BELOW_RESERVED) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The catalog has no such SKU (UNKNOWN_SKU) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetStockHttpController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per warehouse holding the SKU */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockLevelDto"][];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetReservationHttpController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order id: 1-64 letters, digits, - or _ */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description status NONE when the order reserved nothing */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetPaymentHttpController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order id: 1-64 letters, digits, - or _ */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description status NONE when the order has no payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    QuoteShippingHttpController_quote: {
        parameters: {
            query: {
                country: string;
                weightGrams: number;
                currency: string;
                speed?: "standard" | "express";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShippingQuoteDto"];
                };
            };
            /** @description UNDELIVERABLE: country not served, too heavy, or currency not supported; EXPRESS_SHIPPING_UNAVAILABLE */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetShipmentHttpController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order id: 1-64 letters, digits, - or _ */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description status NONE when the order has no shipment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShipmentDto"];
                };
            };
            /** @description The caller is not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    PlaceOrderHttpController_place: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per order attempt (8-128 characters); a retry sends the same key */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlaceOrderRequest"];
            };
        };
        responses: {
            /** @description The order, PENDING; a retry with the same key and body returns the same body */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
            /** @description UNKNOWN_PRODUCTS, PRODUCTS_UNAVAILABLE, MIXED_CURRENCIES, ORDER_UNDELIVERABLE or IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CancelOrderHttpController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
            /** @description No such order, or another customer's (ORDER_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The order is no longer pending (ILLEGAL_ORDER_TRANSITION) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetOrderHttpController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description From the OrderView read model, updated from order events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
            /** @description No such order, or another customer's (ORDER_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListCustomerOrdersHttpController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPageDto"];
                };
            };
            /** @description Another customer's orders (ORDER_ACCESS_DENIED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListCustomerMessagesHttpController_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerMessagePageDto"];
                };
            };
            /** @description Another customer's messages */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (application/problem+json) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
}
