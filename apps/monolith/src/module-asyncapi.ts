import type { ModuleNames } from './module-templates.js';

/** A new module's parts of docs/asyncapi.yaml, each inserted at the end of its section. */
export interface AsyncApiEntries {
  readonly channel: string;
  readonly operation: string;
  readonly message: string;
  readonly schema: string;
}

const REPLY = `    reply:
      address:
        location: $message.header#/seam-reply-to
        description: The queue named in the request's seam-reply-to
      channel:
        $ref: '#/channels/replies'
      messages:
        - $ref: '#/channels/replies/messages/reply'
`;

/** The queue, the request, its message and its payload schema of the generated module. */
export function asyncApiEntries({ name, pascal }: ModuleNames): AsyncApiEntries {
  return {
    channel: `  ${name}Queue:
    address: seam-{env}-${name}
    title: ${name} module queue
    description:
      'SQS queue \`<prefix>${name}\` (\`seam-<env>-${name}\`; \`.fifo\` when the module is in SEAM_SQS_FIFO_MODULES):
      requests to the module. Failed messages move to \`seam-<env>-${name}-dlq\` after 5 receives.'
    parameters:
      env:
        $ref: '#/components/parameters/env'
    messages:
      ${name}RecordEntry:
        $ref: '#/components/messages/${name}RecordEntry'
    servers:
      - $ref: '#/servers/sqs'
`,
    operation: `  handle${pascal}RecordEntry:
    action: receive
    channel:
      $ref: '#/channels/${name}Queue'
    title: ${name}.record-entry
    summary: Records an entry; idempotent per id.
    messages:
      - $ref: '#/channels/${name}Queue/messages/${name}RecordEntry'
${REPLY}`,
    message: `    ${name}RecordEntry:
      name: ${name}.record-entry
      title: ${name}.record-entry
      summary: 'Command: Records an entry; idempotent per id.'
      description:
        A request (\`seam-kind=request\`) to the \`${name}\` module. The reply's \`response\` is
        an EntryDto. Queries may be retried and mirrored; commands are idempotent per business id.
      headers:
        allOf:
          - $ref: '#/components/schemas/RequestAttributes'
          - type: object
            properties:
              seam-pattern:
                type: string
                const: ${name}.record-entry
      payload:
        $ref: '#/components/schemas/${pascal}RecordEntryRequest'
      x-seam-kind: command
`,
    schema: `    ${pascal}RecordEntryRequest:
      type: object
      properties:
        id:
          type: string
          pattern: ^[\\w-]{1,64}$
          description: The entry id (1-64 letters, digits, - or _)
          examples:
            - e-1
        label:
          type: string
          minLength: 1
          maxLength: 200
      required:
        - id
        - label
`,
  };
}

/**
 * The document with the entries added: the channel at the end of `channels`, the operation at
 * the end of `operations`, the message at the end of `components.messages`, the schema at the
 * end of `components.schemas` (the document's last section).
 */
export function insertAsyncApiEntries(text: string, entries: AsyncApiEntries): string {
  const before = (anchor: RegExp, entry: string, source: string): string => {
    const at = anchor.exec(source);
    if (!at) throw new Error(`docs/asyncapi.yaml has no ${anchor.source} section`);
    return `${source.slice(0, at.index)}${entry}${source.slice(at.index)}`;
  };
  let result = before(/^operations:$/m, entries.channel, text);
  result = before(/^components:$/m, entries.operation, result);
  result = before(/^ {2}schemas:$/m, entries.message, result);
  return `${result.endsWith('\n') ? result : `${result}\n`}${entries.schema}`;
}
