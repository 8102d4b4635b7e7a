export {
  command,
  defineContract,
  query,
  type EventClass,
  type ModuleContract,
} from './contract.js';
export { InProcessChannel } from './in-process/in-process.channel.js';
export { InProcessTransportServer } from './in-process/in-process.server.js';
export { loggableError } from './loggable-error.js';
export { catchMessageError } from './message-error.filter.js';
export { ModuleBus } from './module-bus.js';
export { ErrorCodes, ModuleError } from './module-error.js';
export { MessagingModule, MessagingOptions, TransportServers } from './messaging.module.js';
export { EventSubscriptions } from './event-subscriptions.js';
export { BreakerOptions } from './routing/breaker-options.js';
export { type BreakerDetails } from './routing/remote-calls.js';
// The SQS transport's classes load the AWS SDK: MessagingModule.forRoot imports them only for a
// process that uses the transport, so this index exports none of them but these.
export { SqsOptions } from './sqs/sqs-options.js';
export { QueueNames } from './sqs/queue-names.js';
export { MalformedMessageError } from './sqs/sqs-envelope.js';
export { CodePointLength } from './code-point-length.js';
export { createValidationPipe } from './validation.pipe.js';
export { isStorableText, MAX_INPUT_DEPTH } from './untrusted-input.js';
export { Inbox } from './outbox/inbox.js';
export { Outbox, type ParkedEvent } from './outbox/outbox.js';
export { OutboxModule } from './outbox/outbox.module.js';
export {
  createOutboxNotifyMigration,
  createOutboxTablesMigration,
  notifyOnInsertMigration,
} from './outbox/outbox-tables.migration.js';
export { OutboxRegistry } from './outbox/outbox-registry.js';
export { Handles, type PatternHandlers } from './handles.decorator.js';
export { requestHandlerProblems } from './request-handlers.js';
export type { SqsQueueAdmin, QueueDepth } from './sqs/sqs-queue-admin.js';
