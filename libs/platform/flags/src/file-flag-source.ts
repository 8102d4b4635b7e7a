import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { FlagDocumentError } from './flag-document-error.js';
import { parseJson } from './flag-document.js';
import { FlagSource, type FlagSourceListener, type RawFlagValues } from './flag-source.js';

export interface FileFlagSourceOptions {
  /** Stat poll that catches what fs.watch misses (network file systems, some editors). */
  readonly statIntervalMs?: number;
  /** Quiet time after a change before the file is read, so a save in several writes is read once. */
  readonly debounceMs?: number;
  /** Name in messages; defaults to the path. */
  readonly label?: string;
  /** `false` relies on the stat poll alone (file systems where fs.watch reports nothing). */
  readonly fsWatch?: boolean;
}

/**
 * Reads the `values` of the local `AWS.AppConfig.FeatureFlags` document and follows edits
 * without a restart: fs.watch on the folder (editors save by writing a new file and renaming
 * it over the old one, which a watch on the file itself stops seeing) plus a stat poll, both
 * debounced. The definitions are read once at start-up; changing them needs a restart.
 *
 * @example
 * const source = new FileFlagSource('/repo/terraform/appconfig/feature-flags.json');
 */
export class FileFlagSource extends FlagSource {
  readonly description: string;
  private readonly label: string;
  private readonly statIntervalMs: number;
  private readonly debounceMs: number;
  private readonly fsWatch: boolean;
  private watcher: FSWatcher | undefined;
  private poll: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private listener: FlagSourceListener | undefined;
  private lastText: string | undefined;
  private lastStat = '';
  private lastProblem: string | undefined;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    options: FileFlagSourceOptions = {},
  ) {
    super();
    this.statIntervalMs = options.statIntervalMs ?? 500;
    this.debounceMs = options.debounceMs ?? 50;
    this.fsWatch = options.fsWatch ?? true;
    this.label = options.label ?? path;
    this.description = `file ${this.label}`;
  }

  async load(): Promise<RawFlagValues> {
    const text = await this.read();
    this.lastStat = await this.fingerprint();
    this.lastText = text;
    return this.toValues(text);
  }

  watch(listener: FlagSourceListener): void {
    if (this.listener) return;
    this.listener = listener;
    const file = basename(this.path);
    if (this.fsWatch) this.watchFolder(file);
    this.poll = setInterval(() => void this.checkStat(), this.statIntervalMs);
    this.poll.unref();
  }

  private watchFolder(file: string): void {
    try {
      this.watcher = watch(dirname(this.path), { persistent: false }, (_event, changed) => {
        if (changed === null || changed.toString() === file) this.changed();
      });
      // e.g. the folder is removed: the stat poll carries on alone.
      this.watcher.on('error', () => this.closeWatcher());
    } catch {
      this.watcher = undefined;
    }
  }

  async stop(): Promise<void> {
    this.listener = undefined;
    this.closeWatcher();
    clearInterval(this.poll);
    clearTimeout(this.debounce);
    this.poll = undefined;
    await this.reading;
  }

  private closeWatcher(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private async checkStat(): Promise<void> {
    const fingerprint = await this.fingerprint();
    if (fingerprint !== this.lastStat) this.changed();
  }

  private changed(): void {
    if (!this.listener) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.reading = this.reading.then(() => this.reload());
    }, this.debounceMs);
    this.debounce.unref();
  }

  private async reload(): Promise<void> {
    const listener = this.listener;
    if (!listener) return;
    this.lastStat = await this.fingerprint();
    let text: string;
    try {
      text = await this.read();
    } catch (error) {
      // Between an unlink and the rename that replaces it the file is briefly gone.
      this.report(listener, error as Error);
      return;
    }
    if (text === this.lastText) {
      this.lastProblem = undefined;
      return;
    }
    let raw: RawFlagValues;
    try {
      raw = this.toValues(text);
    } catch (error) {
      this.report(listener, error as Error);
      return;
    }
    this.lastText = text;
    this.lastProblem = undefined;
    if (this.listener) listener.document(raw);
  }

  /** Reports a problem once until it changes or the file is good again. */
  private report(listener: FlagSourceListener, error: Error): void {
    if (error.message === this.lastProblem) return;
    this.lastProblem = error.message;
    if (this.listener) listener.problem(error, this.statIntervalMs);
  }

  private async read(): Promise<string> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (error) {
      throw new FlagDocumentError(this.label, [`cannot be read: ${(error as Error).message}`]);
    }
  }

  private toValues(text: string): RawFlagValues {
    const origin = this.label;
    const document = parseJson(text, origin);
    const values =
      typeof document === 'object' && document !== null && 'values' in document
        ? document.values
        : undefined;
    if (values === undefined)
      throw new FlagDocumentError(origin, [
        'expected an AWS.AppConfig.FeatureFlags document with a "values" section',
      ]);
    return { values, origin };
  }

  private async fingerprint(): Promise<string> {
    try {
      const stats = await stat(this.path);
      return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
    } catch {
      return 'missing';
    }
  }
}
