export { Inbox } from './inbox.js';
export { Outbox, type ParkedEvent } from './outbox.js';
export { OutboxModule, OutboxRelayRunner } from './outbox.module.js';
export { OutboxRelay, type Dispatch, type OutboxMessage } from './outbox-relay.js';
export { createOutboxTablesMigration, outboxChannel } from './outbox-tables.migration.js';
export { RelayOptions } from './relay-options.js';
