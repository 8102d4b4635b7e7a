import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { WritePacket } from '@nestjs/microservices';
import type { MessageHeaders, MessagePacket } from '../message-packet.js';
import { isWireError, toWireError } from '../module-error.js';

/**
 * How Seam messages look on SQS (documented in docs/messaging.md for other teams' producers).
 * The body is the JSON payload (a reply's body is `{response?, err?, isDisposed}`); metadata
 * travels in message attributes, so SNS filter policies and tooling can read it unparsed.
 */
export const Attribute = {
  kind: 'seam-kind',
  pattern: 'seam-pattern',
  messageId: 'seam-message-id',
  correlationId: 'seam-correlation-id',
  caller: 'seam-caller',
  sentAt: 'seam-sent-at',
  replyTo: 'seam-reply-to',
  requestId: 'seam-request-id',
  subscriber: 'seam-subscriber',
  traceparent: 'traceparent',
} as const;

export type EnvelopeKind = 'request' | 'event' | 'reply';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request or an event as a module's queue consumer reads it. */
export interface IncomingMessage {
  readonly kind: 'request' | 'event';
  readonly packet: MessagePacket;
  /** Requests: where to send the reply. */
  readonly replyTo?: string;
}

/** A message that can never be handled; it is moved to the DLQ at once, with this reason logged. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

export function requestAttributes(
  packet: MessagePacket,
  replyTo: string,
): Record<string, MessageAttributeValue> {
  return {
    ...headerAttributes('request', packet.pattern, packet.headers),
    [Attribute.replyTo]: text(replyTo),
    [Attribute.requestId]: text(packetId(packet)),
  };
}

/** An event's attributes; `seam-subscriber` lets an SNS filter deliver it to that module only. */
export function eventAttributes(packet: MessagePacket): Record<string, MessageAttributeValue> {
  return {
    ...headerAttributes('event', packet.pattern, packet.headers),
    ...(packet.subscriber ? { [Attribute.subscriber]: text(packet.subscriber) } : {}),
  };
}

export function replyAttributes(
  requestId: string,
  correlationId: string,
): Record<string, MessageAttributeValue> {
  return {
    [Attribute.kind]: text('reply'),
    [Attribute.requestId]: text(requestId),
    [Attribute.correlationId]: text(correlationId),
    [Attribute.sentAt]: text(new Date().toISOString()),
  };
}

/** The JSON body of a request or event: the payload alone. */
export function payloadBody(packet: MessagePacket): string {
  return JSON.stringify(packet.data ?? null);
}

/** One reply message carries the outcome and the end of the stream together. */
export function replyBody(packet: WritePacket): string {
  return JSON.stringify({
    ...(packet.err !== undefined
      ? { err: wireErrorOf(packet.err) }
      : { response: packet.response }),
    isDisposed: true,
  });
}

/** An Error's `message` is not enumerable: spell the wire error out so it survives JSON. */
function wireErrorOf(error: unknown): unknown {
  if (!isWireError(error)) return toWireError(error);
  const { name, code, message, details } = error;
  return { name, code, message, details };
}

/** Whether a received message is a Seam envelope (else it may be a workflow task message). */
export function isSeamEnvelope(message: Message): boolean {
  return message.MessageAttributes?.[Attribute.kind] !== undefined;
}

export function readIncoming(message: Message, subscriber: string): IncomingMessage {
  const kind = attribute(message, Attribute.kind);
  if (kind !== 'request' && kind !== 'event')
    throw new MalformedMessageError(`${Attribute.kind} must be "request" or "event", got ${kind}`);
  const pattern = required(message, Attribute.pattern);
  const messageId = required(message, Attribute.messageId);
  // Subscribers' inboxes key on it: anything but a UUID could never be recorded as handled.
  if (!UUID.test(messageId))
    throw new MalformedMessageError(`${Attribute.messageId} must be a UUID, got ${messageId}`);
  const headers: MessageHeaders = {
    messageId,
    correlationId: required(message, Attribute.correlationId),
    caller: attribute(message, Attribute.caller) ?? 'unknown',
    ...(attribute(message, Attribute.traceparent)
      ? { traceparent: attribute(message, Attribute.traceparent) }
      : {}),
  };
  const addressee = attribute(message, Attribute.subscriber);
  if (kind === 'event' && addressee !== undefined && addressee !== subscriber)
    throw new MalformedMessageError(
      `An event for ${addressee} arrived on ${subscriber}'s queue (check the SNS subscription filters)`,
    );
  const data = parseBody(message);
  if (kind === 'event') return { kind, packet: { pattern, data, headers, subscriber } };
  return {
    kind,
    packet: { id: required(message, Attribute.requestId), pattern, data, headers },
    replyTo: required(message, Attribute.replyTo),
  };
}

export function readReply(message: Message): { requestId: string; packet: WritePacket } {
  if (attribute(message, Attribute.kind) !== 'reply')
    throw new MalformedMessageError(`${Attribute.kind} must be "reply"`);
  const requestId = required(message, Attribute.requestId);
  const body = parseBody(message) as WritePacket | null;
  if (typeof body !== 'object' || body === null)
    throw new MalformedMessageError('a reply body must be a JSON object');
  return { requestId, packet: { err: body.err, response: body.response, isDisposed: true } };
}

function headerAttributes(
  kind: EnvelopeKind,
  pattern: string,
  headers: MessageHeaders,
): Record<string, MessageAttributeValue> {
  return {
    [Attribute.kind]: text(kind),
    [Attribute.pattern]: text(pattern),
    [Attribute.messageId]: text(headers.messageId),
    [Attribute.correlationId]: text(headers.correlationId),
    [Attribute.caller]: text(headers.caller),
    [Attribute.sentAt]: text(new Date().toISOString()),
    ...(headers.traceparent ? { [Attribute.traceparent]: text(headers.traceparent) } : {}),
  };
}

function packetId(packet: MessagePacket): string {
  if (!packet.id) throw new TypeError(`Request to "${packet.pattern}" has no id`);
  return packet.id;
}

function text(value: string): MessageAttributeValue {
  return { DataType: 'String', StringValue: value };
}

function attribute(message: Message, name: string): string | undefined {
  return message.MessageAttributes?.[name]?.StringValue;
}

function required(message: Message, name: string): string {
  const value = attribute(message, name);
  if (!value) throw new MalformedMessageError(`message attribute ${name} is missing`);
  return value;
}

function parseBody(message: Message): unknown {
  try {
    return JSON.parse(message.Body ?? '');
  } catch {
    throw new MalformedMessageError('the body is not JSON');
  }
}
