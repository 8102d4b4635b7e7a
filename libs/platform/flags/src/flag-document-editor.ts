import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatJsonDocument } from './flag-document-format.js';
import {
  FlagDocument,
  show,
  type AttributeConstraints,
  type AttributeValue,
  type FlagDocumentJson,
} from './flag-document.js';

/** A change to one flag's values, as the flags CLI takes it. */
export type FlagEdit =
  | { readonly kind: 'enable' | 'disable'; readonly flag: string }
  /** `assignments` like `mode=remote`, `percent=50`, `enabled=false`, `tags=a,b`. */
  | { readonly kind: 'set'; readonly flag: string; readonly assignments: readonly string[] };

/** The flag, attribute or value given to the CLI is wrong; the message says which and why. */
export class FlagEditError extends Error {
  override readonly name = 'FlagEditError';
}

export interface EditedDocument {
  readonly document: FlagDocument;
  /** The whole file, formatted as Prettier keeps it. */
  readonly text: string;
  /** One line per changed value, e.g. `route-payments.mode: "local" → "remote"`; empty if none. */
  readonly changes: readonly string[];
}

/**
 * Applies an edit to a document's values. Words are parsed by the attribute's type (`50` is a
 * number for a number attribute, a string for a string attribute), then the whole result is
 * validated as a document. Throws FlagEditError for an unknown flag or attribute or an
 * unparsable value, FlagDocumentError when the result breaks a constraint.
 *
 * @example
 * const edited = editFlagDocument(document, { kind: 'set', flag: 'route-payments', assignments: ['mode=canary', 'percent=10'] });
 * await writeFileAtomic(path, edited.text, originalText);
 */
export function editFlagDocument(document: FlagDocument, edit: FlagEdit): EditedDocument {
  const definition = document.definition(edit.flag);
  if (!definition)
    throw new FlagEditError(
      `${edit.flag}: unknown flag (defined: ${document.flagNames.join(', ')})`,
    );
  const before = document.json.values[edit.flag] ?? {};
  const updates: Record<string, AttributeValue> = {};
  if (edit.kind === 'set') {
    if (edit.assignments.length === 0)
      throw new FlagEditError(`${edit.flag}: nothing to set; give attribute=value pairs`);
    for (const assignment of edit.assignments) {
      const at = assignment.indexOf('=');
      if (at <= 0)
        throw new FlagEditError(`${edit.flag}: expected attribute=value, got ${show(assignment)}`);
      const attribute = assignment.slice(0, at);
      const text = assignment.slice(at + 1);
      if (Object.hasOwn(updates, attribute))
        throw new FlagEditError(`${edit.flag}.${attribute}: given twice`);
      const attributes = definition.attributes ?? {};
      if (attribute !== 'enabled' && !Object.hasOwn(attributes, attribute))
        throw new FlagEditError(
          `${edit.flag}.${attribute}: unknown attribute (${edit.flag} defines ${[
            'enabled',
            ...Object.keys(attributes),
          ].join(', ')})`,
        );
      const constraints: AttributeConstraints | undefined =
        attribute === 'enabled' ? { type: 'boolean' } : attributes[attribute]?.constraints;
      updates[attribute] = parseWord(`${edit.flag}.${attribute}`, text, constraints);
    }
  } else {
    updates.enabled = edit.kind === 'enable';
  }
  const after = { ...before, ...updates };
  const json: FlagDocumentJson = {
    ...document.json,
    values: { ...document.json.values, [edit.flag]: after },
  };
  const edited = FlagDocument.from(json, document.origin);
  const changes = Object.keys(updates)
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `${edit.flag}.${key}: ${show(before[key])} → ${show(after[key])}`);
  return { document: edited, text: formatJsonDocument(json), changes };
}

/**
 * Replaces `path` with `text` atomically: a temporary file in the same folder, then a rename,
 * so a reader (the running app's file watcher) sees the old or the new document, never half
 * of one. With `expected`, refuses when the file no longer holds it (someone else saved).
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  expected?: string,
): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    const mode = await stat(path).then(
      (stats) => stats.mode & 0o777,
      () => undefined,
    );
    if (mode !== undefined) await chmod(temporary, mode);
    if (expected !== undefined && (await readFile(path, 'utf8')) !== expected)
      throw new FlagEditError(
        `${path} changed while it was being edited; nothing written, run again`,
      );
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

function parseWord(
  path: string,
  text: string,
  constraints: AttributeConstraints | undefined,
): AttributeValue {
  switch (constraints?.type) {
    case 'boolean':
      if (text === 'true' || text === 'false') return text === 'true';
      throw new FlagEditError(`${path}: expected true or false, got ${show(text)}`);
    case 'number':
      return parseNumber(path, text);
    case 'string':
      return text;
    case 'array': {
      const words = text === '' ? [] : text.split(',');
      if (constraints.elements?.type === 'number')
        return words.map((word, index) => parseNumber(`${path}[${index}]`, word.trim()));
      return words;
    }
    case undefined:
      // No constraints: any type goes; read the word as JSON would.
      if (text === 'true' || text === 'false') return text === 'true';
      return NUMBER.test(text) ? Number(text) : text;
  }
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function parseNumber(path: string, text: string): number {
  const value = Number(text);
  if (!NUMBER.test(text) || !Number.isFinite(value))
    throw new FlagEditError(`${path}: expected a number, got ${show(text)}`);
  return value;
}
