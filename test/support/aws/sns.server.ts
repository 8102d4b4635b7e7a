import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  SendMessageCommand,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { LoopbackServer } from './loopback-server.js';

/** A topic's subscription of an SQS queue with raw delivery, as Terraform declares it. */
export interface QueueSubscription {
  readonly topicArn: string;
  readonly queueUrl: string;
  /** `{attribute: [allowed string values]}`, matched on message attributes. */
  readonly filterPolicy: Readonly<Record<string, readonly string[]>>;
}

/**
 * A loopback SNS endpoint speaking the AWS Query protocol the SDK uses for SNS (`POST /` with a
 * form-encoded `Action=Publish&…`, XML answers). Publish delivers the message to every
 * subscribed queue whose filter policy matches, as raw delivery does: the body unchanged and
 * the message attributes copied to the SQS message. An unknown topic answers `NotFound`, as SNS
 * does. Every publish is recorded for assertions.
 */
export class SnsServer extends LoopbackServer {
  readonly published: { topicArn: string; attributes: Record<string, string> }[] = [];

  constructor(
    private readonly sqs: SQSClient,
    private readonly subscriptions: readonly QueueSubscription[],
  ) {
    super();
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const action = form.get('Action');
    if (action !== 'Publish')
      return this.fail(response, 400, 'InvalidAction', `${action} is not implemented here`);
    const topicArn = form.get('TopicArn') ?? '';
    const subscribed = this.subscriptions.filter(
      (subscription) => subscription.topicArn === topicArn,
    );
    if (subscribed.length === 0)
      return this.fail(response, 404, 'NotFound', 'Topic does not exist');
    const attributes = messageAttributes(form);
    this.published.push({
      topicArn,
      attributes: Object.fromEntries(
        Object.entries(attributes).map(([name, value]) => [name, value.StringValue!]),
      ),
    });
    for (const subscription of subscribed.filter((s) => matches(s.filterPolicy, attributes)))
      await this.sqs.send(
        new SendMessageCommand({
          QueueUrl: subscription.queueUrl,
          MessageBody: form.get('Message') ?? '',
          MessageAttributes: attributes,
        }),
      );
    const messageId = randomUUID();
    response.writeHead(200, { 'content-type': 'text/xml' });
    response.end(
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>` +
        `<MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId>` +
        `</ResponseMetadata></PublishResponse>`,
    );
  }

  private fail(response: ServerResponse, status: number, code: string, message: string): void {
    response.writeHead(status, { 'content-type': 'text/xml' });
    response.end(
      `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type>` +
        `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    );
  }
}

/** `MessageAttributes.entry.N.Name` / `.Value.DataType` / `.Value.StringValue` → SQS shape. */
function messageAttributes(form: URLSearchParams): Record<string, MessageAttributeValue> {
  const attributes: Record<string, MessageAttributeValue> = {};
  for (let index = 1; form.has(`MessageAttributes.entry.${index}.Name`); index++) {
    const prefix = `MessageAttributes.entry.${index}`;
    attributes[form.get(`${prefix}.Name`)!] = {
      DataType: form.get(`${prefix}.Value.DataType`) ?? 'String',
      StringValue: form.get(`${prefix}.Value.StringValue`) ?? '',
    };
  }
  return attributes;
}

/** SNS's exact-string matching: every key of the policy present with one of its values. */
function matches(
  policy: Readonly<Record<string, readonly string[]>>,
  attributes: Record<string, MessageAttributeValue>,
): boolean {
  return Object.entries(policy).every(([name, allowed]) =>
    allowed.includes(attributes[name]?.StringValue ?? '\u0000'),
  );
}
