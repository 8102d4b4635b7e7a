import { readFileSync } from 'node:fs';
import { FlagDocumentError } from './flag-document-error.js';
import type { AttributeShape } from './declared-flags.js';

/*
 * The `AWS.AppConfig.FeatureFlags` document (version "1"): `flags` defines each flag and its
 * attributes with constraints, `values` sets them. AppConfig validates the same rules when a
 * hosted version is created, and delivers only the values, flattened to
 * `{ "<flag>": { "enabled": true, "<attribute>": … } }`, leaving out the attributes of a
 * disabled flag.
 */

export interface StringConstraints {
  readonly type: 'string';
  readonly required?: boolean;
  /** A regular expression the value must match somewhere (JSON Schema semantics: not anchored). */
  readonly pattern?: string;
  readonly enum?: readonly (string | number)[];
}

export interface NumberConstraints {
  readonly type: 'number';
  readonly required?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
}

export interface ArrayConstraints {
  readonly type: 'array';
  readonly required?: boolean;
  /** Constraints on each element: `string` makes a string array, `number` a number array. */
  readonly elements?: StringConstraints | NumberConstraints;
}

export interface BooleanConstraints {
  readonly type: 'boolean';
  readonly required?: boolean;
}

export type AttributeConstraints =
  StringConstraints | NumberConstraints | ArrayConstraints | BooleanConstraints;

export interface AttributeDefinition {
  readonly description?: string;
  readonly constraints?: AttributeConstraints;
}

export interface FlagDefinition {
  readonly name?: string;
  readonly description?: string;
  readonly _createdAt?: string;
  readonly _updatedAt?: string;
  /** Marks a flag due to go; AppConfig shows it in the console, the code keeps reading it. */
  readonly _deprecation?: { readonly status?: 'planned'; readonly date?: string };
  readonly attributes?: Readonly<Record<string, AttributeDefinition>>;
}

export type AttributeValue = string | number | boolean | readonly string[] | readonly number[];

/** One flag's value as the code sees it: `enabled` plus its attributes. */
export type FlagState = Readonly<{ enabled: boolean } & Record<string, AttributeValue>>;

/** Every defined flag's state, keyed by flag name. */
export type FlagValues = Readonly<Record<string, FlagState>>;

/** The document as it is stored: `{ "version": "1", "flags": {…}, "values": {…} }`. */
export interface FlagDocumentJson {
  readonly version: '1';
  readonly flags: Readonly<Record<string, FlagDefinition>>;
  readonly values: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * How values are checked: `document` for the values section of the document itself (every
 * required attribute present); `delivered` for what AppConfig hands out, where a disabled flag
 * comes without attributes and takes the document's.
 */
export type ValuesMode = 'document' | 'delivered';

const KEY = /^[a-z][a-zA-Z\d_-]{0,63}$/;
const KEY_RULE = 'a lowercase letter, then at most 63 letters, digits, _ or -';
const MAX_STRING = 1024;
const MAX_ATTRIBUTES = 25;
const MAX_ENUM = 100;
const FLAG_DEFINITION_KEYS = [
  'name',
  'description',
  '_createdAt',
  '_updatedAt',
  '_deprecation',
  'attributes',
];
const CONSTRAINT_KEYS: Record<AttributeConstraints['type'], readonly string[]> = {
  string: ['type', 'required', 'pattern', 'enum'],
  number: ['type', 'required', 'minimum', 'maximum'],
  array: ['type', 'required', 'elements'],
  boolean: ['type', 'required'],
};
/** Metadata the AppConfig console writes next to a flag's values. */
const VALUE_METADATA = ['_createdAt', '_updatedAt'];

/**
 * A parsed and checked `AWS.AppConfig.FeatureFlags` document: the flag definitions every values
 * document is validated against, and the document's own values (the defaults).
 *
 * @example
 * const document = FlagDocument.load('terraform/appconfig/feature-flags.json');
 * const values = document.validateValues(JSON.parse(body), 'AppConfig version 7');
 * values['route-payments']; // { enabled: true, mode: 'local', percent: 0 }
 */
export class FlagDocument {
  /** The document's own values, every attribute present. */
  readonly defaults: FlagValues;

  private constructor(
    /** Where the document was read from, for messages. */
    readonly origin: string,
    readonly json: FlagDocumentJson,
  ) {
    this.defaults = this.validateValues(json.values, origin, 'document');
  }

  /** Reads and checks the document at `path`; a broken document throws FlagDocumentError. */
  static load(path: string, origin = path): FlagDocument {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new FlagDocumentError(origin, [`cannot be read: ${(error as Error).message}`]);
    }
    return FlagDocument.parse(text, origin);
  }

  /** Checks a document given as text: the definitions first, then its values against them. */
  static parse(text: string, origin: string): FlagDocument {
    return FlagDocument.from(parseJson(text, origin), origin);
  }

  /** Checks a document given as parsed JSON. */
  static from(json: unknown, origin: string): FlagDocument {
    const problems = definitionProblems(json);
    if (problems.length > 0) throw new FlagDocumentError(origin, problems);
    return new FlagDocument(origin, json as FlagDocumentJson);
  }

  /** Flag names in document order. */
  get flagNames(): string[] {
    return Object.keys(this.json.flags);
  }

  definition(flag: string): FlagDefinition | undefined {
    return Object.hasOwn(this.json.flags, flag) ? this.json.flags[flag] : undefined;
  }

  /** The same definitions with other values; they are checked as a document's values are. */
  withValues(values: FlagDocumentJson['values']): FlagDocument {
    return new FlagDocument(this.origin, { ...this.json, values });
  }

  /**
   * Checks a values document against the definitions and returns every flag's state, flags
   * and attributes in definition order. Throws FlagDocumentError listing every problem.
   */
  validateValues(
    raw: unknown,
    origin: string,
    mode: ValuesMode = 'delivered',
    /**
     * With `delivered`: where to note flags AppConfig serves that these definitions do not know
     * (ignored) and defined flags it does not serve (the document's value is used). Either is
     * normal while a release that adds or removes a flag rolls out; without it both are errors.
     */
    notices?: string[],
  ): FlagValues {
    const problems: string[] = [];
    const result: Record<string, FlagState> = {};
    if (!isObject(raw)) {
      throw new FlagDocumentError(origin, [
        `expected an object of flag values like {"<flag>": {"enabled": true}}, got ${show(raw)}`,
      ]);
    }
    const tolerant = mode === 'delivered' && notices !== undefined;
    for (const flag of Object.keys(raw)) {
      if (Object.hasOwn(this.json.flags, flag)) continue;
      if (tolerant) notices.push(`${flag}: not defined in ${this.origin}; ignored`);
      else problems.push(`${flag}: unknown flag (not defined in ${this.origin})`);
    }
    for (const [flag, definition] of Object.entries(this.json.flags)) {
      if (tolerant && raw[flag] === undefined && this.defaults?.[flag]) {
        notices.push(`${flag}: not served by ${origin}; using ${this.origin}'s value`);
        result[flag] = this.defaults[flag];
        continue;
      }
      const state = this.flagState(flag, definition, raw[flag], mode, problems);
      if (state) result[flag] = state;
    }
    if (problems.length > 0) throw new FlagDocumentError(origin, problems);
    return deepFreeze(result);
  }

  /**
   * Problems with how the document defines the flags the code reads (`KNOWN_FLAG_SHAPES`):
   * a missing flag or attribute, another type, an optional attribute the code takes as given.
   */
  problemsWith(
    shapes: Readonly<Record<string, Readonly<Record<string, AttributeShape>>>>,
  ): string[] {
    const problems: string[] = [];
    for (const [flag, attributes] of Object.entries(shapes)) {
      const definition = this.definition(flag);
      if (!definition) {
        problems.push(`flags.${flag}: the code reads this flag; define it`);
        continue;
      }
      for (const [attribute, shape] of Object.entries(attributes)) {
        const path = `flags.${flag}.attributes.${attribute}`;
        const constraints = definition.attributes?.[attribute]?.constraints;
        if (!constraints) {
          problems.push(`${path}: the code reads it as ${describeShape(shape)}; define it so`);
          continue;
        }
        if (typeOf(constraints) !== (typeof shape === 'string' ? shape : 'string'))
          problems.push(
            `${path}: the code reads it as ${describeShape(shape)}, the document defines ${typeOf(constraints)}`,
          );
        if (constraints.required !== true)
          problems.push(`${path}: the code needs it on every enabled flag; add "required": true`);
        if (typeof shape !== 'string' && constraints.type === 'string') {
          const extra = (constraints.enum ?? [undefined]).filter(
            (value) => typeof value !== 'string' || !shape.includes(value),
          );
          if (extra.length > 0)
            problems.push(
              `${path}: the code understands only ${describeShape(shape)}; add that enum`,
            );
        }
      }
    }
    return problems;
  }

  private flagState(
    flag: string,
    definition: FlagDefinition,
    raw: unknown,
    mode: ValuesMode,
    problems: string[],
  ): FlagState | undefined {
    if (raw === undefined) {
      problems.push(`${flag}: missing (every defined flag needs a value)`);
      return undefined;
    }
    if (!isObject(raw)) {
      problems.push(`${flag}: expected an object like {"enabled": true, …}, got ${show(raw)}`);
      return undefined;
    }
    const attributes = definition.attributes ?? {};
    const before = problems.length;
    for (const key of Object.keys(raw)) {
      if (key === 'enabled' || Object.hasOwn(attributes, key)) continue;
      if (mode === 'document' && VALUE_METADATA.includes(key)) continue;
      problems.push(
        key === '_variants'
          ? `${flag}._variants: multi-variant flags are not supported`
          : `${flag}.${key}: unknown attribute (${flag} defines ${listOrNone(Object.keys(attributes))})`,
      );
    }
    const enabled = raw.enabled;
    if (typeof enabled !== 'boolean') {
      problems.push(`${flag}.enabled: expected true or false, got ${show(enabled)}`);
    }
    const state: { enabled: boolean } & Record<string, AttributeValue> = {
      enabled: enabled === true,
    };
    for (const [attribute, attributeDefinition] of Object.entries(attributes)) {
      const path = `${flag}.${attribute}`;
      const value = raw[attribute];
      const constraints = attributeDefinition.constraints;
      if (value === undefined) {
        if (enabled === false && mode === 'delivered') {
          // AppConfig leaves out a disabled flag's attributes; the document's stand in.
          const fallback = this.defaults?.[flag]?.[attribute];
          if (fallback !== undefined) state[attribute] = fallback;
        } else if (constraints?.required) {
          problems.push(`${path}: required attribute missing`);
        }
        continue;
      }
      const problem = valueProblem(value, constraints);
      if (problem) problems.push(`${path}${problem.at ?? ''}: ${problem.message}`);
      else state[attribute] = value as AttributeValue;
    }
    return problems.length === before ? state : undefined;
  }
}

/** Parses JSON text, or throws FlagDocumentError naming the origin. */
export function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FlagDocumentError(origin, [`not valid JSON: ${(error as Error).message}`]);
  }
}

function definitionProblems(json: unknown): string[] {
  if (!isObject(json))
    return [
      `expected an AWS.AppConfig.FeatureFlags document {"version": "1", "flags": {…}, "values": {…}}, got ${show(json)}`,
    ];
  const problems: string[] = [];
  for (const key of Object.keys(json)) {
    if (!['version', 'flags', 'values'].includes(key))
      problems.push(`${key}: not allowed at the top level (version, flags, values)`);
  }
  if (json.version !== '1') problems.push(`version: expected "1", got ${show(json.version)}`);
  if (!isObject(json.flags)) {
    problems.push(`flags: expected an object of flag definitions, got ${show(json.flags)}`);
  } else {
    for (const [flag, definition] of Object.entries(json.flags)) {
      flagDefinitionProblems(`flags.${flag}`, flag, definition, problems);
    }
  }
  if (!isObject(json.values))
    problems.push(`values: expected an object of flag values, got ${show(json.values)}`);
  return problems;
}

function flagDefinitionProblems(
  path: string,
  flag: string,
  definition: unknown,
  problems: string[],
): void {
  if (!KEY.test(flag)) problems.push(`${path}: a flag key is ${KEY_RULE}`);
  if (!isObject(definition)) {
    problems.push(`${path}: expected a flag definition object, got ${show(definition)}`);
    return;
  }
  for (const key of Object.keys(definition)) {
    if (!FLAG_DEFINITION_KEYS.includes(key))
      problems.push(
        `${path}.${key}: not allowed in a flag definition (${FLAG_DEFINITION_KEYS.join(', ')})`,
      );
  }
  const { name, description, _createdAt, _updatedAt, _deprecation, attributes } = definition;
  if (name !== undefined && (typeof name !== 'string' || !/^[^\n]{1,64}$/.test(name)))
    problems.push(`${path}.name: expected one line of 1 to 64 characters, got ${show(name)}`);
  descriptionProblem(`${path}.description`, description, problems);
  for (const [key, value] of Object.entries({ _createdAt, _updatedAt })) {
    if (value !== undefined && typeof value !== 'string')
      problems.push(`${path}.${key}: expected a string, got ${show(value)}`);
  }
  if (_deprecation !== undefined)
    deprecationProblems(`${path}._deprecation`, _deprecation, problems);
  if (attributes === undefined) return;
  if (!isObject(attributes)) {
    problems.push(
      `${path}.attributes: expected an object of attribute definitions, got ${show(attributes)}`,
    );
    return;
  }
  const names = Object.keys(attributes);
  if (names.length > MAX_ATTRIBUTES)
    problems.push(`${path}.attributes: at most ${MAX_ATTRIBUTES} attributes, got ${names.length}`);
  for (const [attribute, attributeDefinition] of Object.entries(attributes)) {
    const at = `${path}.attributes.${attribute}`;
    if (!KEY.test(attribute) || attribute === 'enabled')
      problems.push(`${at}: an attribute key is ${KEY_RULE}, and not "enabled"`);
    if (!isObject(attributeDefinition)) {
      problems.push(
        `${at}: expected {"description"?, "constraints"?}, got ${show(attributeDefinition)}`,
      );
      continue;
    }
    for (const key of Object.keys(attributeDefinition)) {
      if (key !== 'description' && key !== 'constraints')
        problems.push(
          `${at}.${key}: not allowed in an attribute definition (description, constraints)`,
        );
    }
    descriptionProblem(`${at}.description`, attributeDefinition.description, problems);
    if (attributeDefinition.constraints !== undefined)
      constraintProblems(`${at}.constraints`, attributeDefinition.constraints, problems, false);
  }
}

function deprecationProblems(path: string, deprecation: unknown, problems: string[]): void {
  if (!isObject(deprecation)) {
    problems.push(
      `${path}: expected {"status": "planned", "date": "YYYY-MM-DD"}, got ${show(deprecation)}`,
    );
    return;
  }
  for (const key of Object.keys(deprecation)) {
    if (key !== 'status' && key !== 'date')
      problems.push(`${path}.${key}: not allowed (status, date)`);
  }
  if (deprecation.status !== undefined && deprecation.status !== 'planned')
    problems.push(`${path}.status: expected "planned", got ${show(deprecation.status)}`);
  const date = deprecation.date;
  if (
    date !== undefined &&
    (typeof date !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
  )
    problems.push(`${path}.date: expected a date YYYY-MM-DD, got ${show(date)}`);
}

function constraintProblems(
  path: string,
  constraints: unknown,
  problems: string[],
  element: boolean,
): void {
  const types = element ? ['string', 'number'] : ['string', 'number', 'array', 'boolean'];
  if (!isObject(constraints) || !types.includes(constraints.type as string)) {
    const got = isObject(constraints) ? show(constraints.type) : show(constraints);
    problems.push(
      `${path}${isObject(constraints) ? '.type' : ''}: expected one of ${types.join('|')}, got ${got}`,
    );
    return;
  }
  const type = constraints.type as AttributeConstraints['type'];
  for (const key of Object.keys(constraints)) {
    if (!CONSTRAINT_KEYS[type].includes(key))
      problems.push(
        `${path}.${key}: not allowed in ${type} constraints (${CONSTRAINT_KEYS[type].join(', ')})`,
      );
  }
  if (constraints.required !== undefined && typeof constraints.required !== 'boolean')
    problems.push(`${path}.required: expected true or false, got ${show(constraints.required)}`);
  if (type === 'string') {
    const { pattern, enum: allowed } = constraints;
    if (pattern !== undefined && allowed !== undefined)
      problems.push(`${path}: pattern and enum cannot both be set`);
    if (pattern !== undefined) {
      if (typeof pattern !== 'string' || pattern.length > MAX_STRING) {
        problems.push(
          `${path}.pattern: expected a regular expression of at most ${MAX_STRING} characters, got ${show(pattern)}`,
        );
      } else if (compile(pattern) === undefined) {
        problems.push(`${path}.pattern: not a valid regular expression: ${show(pattern)}`);
      }
    }
    if (
      allowed !== undefined &&
      (!Array.isArray(allowed) ||
        allowed.length === 0 ||
        allowed.length > MAX_ENUM ||
        !allowed.every(
          (value) =>
            (typeof value === 'string' && value.length <= MAX_STRING) || Number.isInteger(value),
        ))
    )
      problems.push(
        `${path}.enum: expected 1 to ${MAX_ENUM} strings or integers, got ${show(allowed)}`,
      );
  }
  if (type === 'number') {
    const { minimum, maximum } = constraints;
    for (const [key, value] of Object.entries({ minimum, maximum })) {
      if (value !== undefined && !Number.isInteger(value))
        problems.push(`${path}.${key}: expected an integer, got ${show(value)}`);
    }
    if (typeof minimum === 'number' && typeof maximum === 'number' && minimum > maximum)
      problems.push(`${path}: minimum ${minimum} is above maximum ${maximum}`);
  }
  if (type === 'array' && constraints.elements !== undefined)
    constraintProblems(`${path}.elements`, constraints.elements, problems, true);
}

function descriptionProblem(path: string, description: unknown, problems: string[]): void {
  if (
    description !== undefined &&
    (typeof description !== 'string' || description.length > MAX_STRING)
  )
    problems.push(
      `${path}: expected a string of at most ${MAX_STRING} characters, got ${show(description)}`,
    );
}

/** Why `value` breaks `constraints` (no constraints: any attribute value); undefined if it does not. */
function valueProblem(
  value: unknown,
  constraints: AttributeConstraints | undefined,
): { message: string; at?: string } | undefined {
  switch (constraints?.type) {
    case undefined:
      if (
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && value.length <= MAX_STRING) ||
        (Array.isArray(value) &&
          (value.every((item) => typeof item === 'string' && item.length <= MAX_STRING) ||
            value.every((item) => typeof item === 'number' && Number.isFinite(item))))
      )
        return undefined;
      return {
        message: `expected a string, number, boolean or array of strings or numbers, got ${show(value)}`,
      };
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : { message: `expected true or false, got ${show(value)}` };
    case 'string':
      return scalarProblem(value, constraints);
    case 'number':
      return scalarProblem(value, constraints);
    case 'array': {
      const elements = constraints.elements;
      const kind = elements ? `${elements.type}s` : 'strings or numbers';
      if (!Array.isArray(value))
        return { message: `expected an array of ${kind}, got ${show(value)}` };
      if (!elements) return valueProblem(value, undefined);
      for (const [index, item] of value.entries()) {
        const problem = scalarProblem(item, elements);
        if (problem) return { ...problem, at: `[${index}]` };
      }
      return undefined;
    }
  }
}

function scalarProblem(
  value: unknown,
  constraints: StringConstraints | NumberConstraints,
): { message: string } | undefined {
  if (constraints.type === 'number') {
    const { minimum, maximum } = constraints;
    const range =
      minimum !== undefined && maximum !== undefined
        ? ` from ${minimum} to ${maximum}`
        : minimum !== undefined
          ? ` >= ${minimum}`
          : maximum !== undefined
            ? ` <= ${maximum}`
            : '';
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (minimum !== undefined && value < minimum) ||
      (maximum !== undefined && value > maximum)
    )
      return { message: `expected a number${range}, got ${show(value)}` };
    return undefined;
  }
  if (typeof value !== 'string' || value.length > MAX_STRING)
    return { message: `expected a string of at most ${MAX_STRING} characters, got ${show(value)}` };
  if (constraints.enum && !constraints.enum.map(String).includes(value))
    return { message: `expected one of ${constraints.enum.join('|')}, got ${show(value)}` };
  if (constraints.pattern !== undefined && !compile(constraints.pattern)?.test(value))
    return { message: `expected a string matching /${constraints.pattern}/, got ${show(value)}` };
  return undefined;
}

function typeOf(constraints: AttributeConstraints): string {
  return constraints.type === 'array' && constraints.elements
    ? `${constraints.elements.type}[]`
    : constraints.type;
}

function describeShape(shape: AttributeShape): string {
  return typeof shape === 'string' ? shape : `a string, one of ${shape.join('|')}`;
}

const patterns = new Map<string, RegExp | undefined>();
function compile(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    try {
      patterns.set(pattern, new RegExp(pattern));
    } catch {
      patterns.set(pattern, undefined);
    }
  }
  return patterns.get(pattern);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOrNone(names: readonly string[]): string {
  return names.length > 0 ? names.join(', ') : 'no attributes';
}

/** A value as it appears in a message: JSON, shortened. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
