import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Parser } from '@asyncapi/parser';
import { getMetadataStorage } from 'class-validator';
import { MODULES, SUBSCRIPTIONS } from '#monolith/modules';
import { projectRoot } from '#platform/config';

/**
 * docs/asyncapi.yaml is what teams outside Seam build their producers and consumers on. It is
 * written by hand, so this spec keeps it honest: a valid AsyncAPI document, and every event
 * class and request pattern of the contracts described with exactly the fields its class
 * validates.
 */
const FILE = join(projectRoot(), 'docs', 'asyncapi.yaml');

interface Schema {
  readonly properties?: Record<string, unknown>;
  readonly required?: readonly string[];
  readonly allOf?: readonly Schema[];
}
interface Message {
  readonly name: string;
  readonly headers: Schema;
  readonly payload: Schema;
}
interface AsyncApiJson {
  readonly channels: Record<string, { address: string | null; messages: Record<string, Message> }>;
  readonly operations: Record<
    string,
    {
      action: 'send' | 'receive';
      channel: { address: string | null };
      messages: Message[];
      reply?: { address: { location: string } };
    }
  >;
}

type EventClass = (new (...args: never[]) => unknown) & { pattern: string };

/** Every class exported by a module's contract folder with a static `pattern`. */
async function contractEventClasses(): Promise<EventClass[]> {
  const found: EventClass[] = [];
  for (const { name } of MODULES) {
    const exports = (await import(`#contracts/${name}`).catch(() => ({}))) as Record<
      string,
      unknown
    >;
    for (const value of Object.values(exports))
      if (typeof value === 'function' && typeof (value as Partial<EventClass>).pattern === 'string')
        found.push(value as EventClass);
  }
  return [...new Set(found)];
}

/** The properties class-validator checks on a class (inherited ones too), and the required ones. */
function validatedFields(target: abstract new (...args: never[]) => unknown) {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    target as new () => unknown,
    '',
    true,
    false,
  );
  const all = [...new Set(metadata.map((m) => m.propertyName))].sort();
  const optional = new Set(
    metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
  );
  return { all, required: all.filter((name) => !optional.has(name)) };
}

const described = (schema: Schema) => ({
  all: Object.keys(schema.properties ?? {}).sort(),
  required: [...(schema.required ?? [])].sort(),
});

/** The `seam-pattern` a message's headers pin down. */
const patternOf = (message: Message) =>
  (message.headers.allOf?.[1]?.properties?.['seam-pattern'] as { const?: string } | undefined)
    ?.const;

describe('docs/asyncapi.yaml', () => {
  let diagnostics: Awaited<ReturnType<Parser['validate']>>;
  let document: AsyncApiJson;
  const messages = () =>
    Object.values(document.channels).flatMap((channel) => Object.values(channel.messages));

  beforeAll(async () => {
    const parser = new Parser();
    const source = readFileSync(FILE, 'utf8');
    diagnostics = await parser.validate(source);
    const parsed = await parser.parse(source);
    document = parsed.document!.json() as unknown as AsyncApiJson;
  });

  it('is a valid AsyncAPI 3.0 document: no errors, no warnings', () => {
    const problems = diagnostics
      .filter((d) => d.severity <= 1)
      .map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
  });

  it('describes every event class of the contracts with the fields it validates', async () => {
    const events = await contractEventClasses();
    expect(events.map((event) => event.pattern)).toEqual(
      expect.arrayContaining(['ordering.order-placed', 'shipping.shipment-created']),
    );
    for (const event of events) {
      const message = messages().find((m) => m.name === event.pattern);
      expect({ pattern: event.pattern, found: message !== undefined }).toEqual({
        pattern: event.pattern,
        found: true,
      });
      expect(patternOf(message!)).toBe(event.pattern);
      expect({ pattern: event.pattern, ...described(message!.payload) }).toEqual({
        pattern: event.pattern,
        ...validatedFields(event),
      });
    }
  });

  it('has each event published on its module topic and received by each subscriber queue', async () => {
    for (const event of await contractEventClasses()) {
      const publisher = event.pattern.split('.')[0]!;
      const operations = Object.values(document.operations).filter((operation) =>
        operation.messages.some((message) => message.name === event.pattern),
      );
      const sent = operations.filter((operation) => operation.action === 'send');
      expect(sent.map((operation) => operation.channel.address)).toEqual([
        `seam-{env}-${publisher}-events`,
      ]);
      const receivers = operations
        .filter((operation) => operation.action === 'receive')
        .map((operation) => operation.channel.address)
        .sort();
      expect({ pattern: event.pattern, receivers }).toEqual({
        pattern: event.pattern,
        receivers: SUBSCRIPTIONS.subscribersOf(event.pattern)
          .map((module) => `seam-{env}-${module}`)
          .sort(),
      });
    }
  });

  it('describes every request pattern on its module queue, its fields, and its reply', () => {
    const contracts = MODULES.flatMap(({ contract }) => (contract ? [contract] : []));
    expect(contracts.length).toBeGreaterThan(3);
    for (const contract of contracts)
      for (const [pattern, definition] of Object.entries(contract.patterns)) {
        const operation = Object.values(document.operations).find((candidate) =>
          candidate.messages.some((message) => message.name === pattern),
        );
        expect({ pattern, found: operation !== undefined }).toEqual({ pattern, found: true });
        expect(operation!.action).toBe('receive');
        expect(operation!.channel.address).toBe(`seam-{env}-${contract.module}`);
        expect(operation!.reply?.address.location).toBe('$message.header#/seam-reply-to');
        const message = operation!.messages.find((m) => m.name === pattern)!;
        expect(patternOf(message)).toBe(pattern);
        expect({ pattern, ...described(message.payload) }).toEqual({
          pattern,
          ...validatedFields(definition.request),
        });
      }
  });

  it('describes nothing the contracts do not declare', async () => {
    const declared = new Set([
      ...(await contractEventClasses()).map((event) => event.pattern),
      ...MODULES.flatMap(({ contract }) => Object.keys(contract?.patterns ?? {})),
      'reply',
    ]);
    expect(messages().filter((message) => !declared.has(message.name))).toEqual([]);
  });
});
