export {
  command,
  defineContract,
  eventPatternOf,
  query,
  type EventClass,
  type ModuleContract,
  type PatternDefinition,
  type PatternKind,
  type RequestOf,
  type ResponseOf,
} from './contract.js';
export { InProcessChannel } from './in-process/in-process.channel.js';
export { InProcessContext } from './in-process/in-process.context.js';
export { InProcessTransportServer, IN_PROCESS_TRANSPORT } from './in-process/in-process.server.js';
export { loggableError } from './loggable-error.js';
export { catchMessageError } from './message-error.filter.js';
export { MessageRecord, type MessageHeaders, type MessagePacket } from './message-packet.js';
export { ContractClient, ModuleBus, type SendOptions } from './module-bus.js';
export {
  ErrorCodes,
  isWireError,
  ModuleError,
  toWireError,
  type WireError,
} from './module-error.js';
export { LocalModuleRouter, ModuleRouter, requestThrough } from './module-router.js';
export {
  MessagingModule,
  MessagingOptions,
  TransportServers,
  type RemoteTransport,
} from './messaging.module.js';
export { EventSubscriptions, subscriberOf, type ModuleEntry } from './event-subscriptions.js';
export { BreakerOptions } from './routing/breaker-options.js';
export {
  FlagModuleRouter,
  type Placement,
  type RouteMode,
  type RouteTable,
} from './routing/flag-module-router.js';
export {
  RemoteCalls,
  type BreakerDetails,
  type BreakerState,
  type BreakerStatus,
} from './routing/remote-calls.js';
export { SqsOptions, TRANSPORTS, type TransportKind } from './sqs/sqs-options.js';
export { QueueNames, SqsQueues } from './sqs/sqs-queues.js';
export {
  DELETE,
  SqsPoller,
  type Outcome,
  type PollerOptions,
  type ReceivedMessage,
} from './sqs/sqs-poller.js';
export { SqsClient } from './sqs/sqs.client.js';
export {
  SqsContext,
  SqsTransportServer,
  SQS_TRANSPORT,
  type ForeignMessageHandler,
} from './sqs/sqs-transport.server.js';
export { Attribute as SqsAttribute, MalformedMessageError } from './sqs/sqs-envelope.js';
export { CodePointLength, codePoints } from './code-point-length.js';
export { createValidationPipe } from './validation.pipe.js';
export { inspectUntrustedInput, isStorableText, MAX_INPUT_DEPTH } from './untrusted-input.js';
export { Inbox } from './outbox/inbox.js';
export { Outbox, type ParkedEvent } from './outbox/outbox.js';
export { OutboxModule, OutboxRelayRunner } from './outbox/outbox.module.js';
export {
  BACKLOG_SAMPLE_EVERY_MS,
  OutboxBacklogGauges,
  OutboxRelay,
  type Dispatch,
  type OutboxBacklog,
  type OutboxMessage,
} from './outbox/outbox-relay.js';
export {
  createOutboxNotifyMigration,
  createOutboxTablesMigration,
  notifyOnInsertMigration,
  outboxChannel,
} from './outbox/outbox-tables.migration.js';
export { RelayOptions } from './outbox/relay-options.js';
export { OutboxRegistry } from './outbox/outbox-registry.js';
export { Handles } from './handles.decorator.js';
export {
  requestHandlerProblems,
  requestHandlersOf,
  type RequestHandler,
} from './request-handlers.js';
export { ReplyQueueJanitor } from './sqs/reply-queue-janitor.js';
export { SqsQueueAdmin, type QueueDepth } from './sqs/sqs-queue-admin.js';
