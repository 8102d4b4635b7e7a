import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Injectable, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FeatureFlags, type FlagChange } from './feature-flags.js';
import { editFlagDocument } from './flag-document-editor.js';
import { FlagDocument } from './flag-document.js';
import { FlagsOptions } from './flags-options.js';
import { FlagsModule } from './flags.module.js';

/** A consumer in another module: FlagsModule is global, so it only asks for FeatureFlags. */
@Injectable()
class Checkout {
  constructor(readonly flags: FeatureFlags) {}

  offersExpress(): boolean {
    return this.flags.isEnabled('express-shipping');
  }
}

@Module({ providers: [Checkout] })
class CheckoutModule {}

describe('FlagsModule', () => {
  let folder: string;
  let file: string;
  let app: INestApplicationContext | undefined;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'seam-flags-module-'));
    file = join(folder, 'feature-flags.json');
    await writeFile(file, await readFile(FlagsOptions.defaults().file, 'utf8'));
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  const create = async () => {
    @Module({ imports: [FlagsModule.forRoot(new FlagsOptions('file', file)), CheckoutModule] })
    class AppModule {}
    return NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  };

  it('gives every module FeatureFlags loaded before start-up finishes, and follows edits', async () => {
    app = await create();
    const checkout = app.get(Checkout);
    expect(checkout.offersExpress()).toBe(false);

    const change = new Promise<FlagChange>((resolve) => checkout.flags.onChange(resolve));
    const edited = editFlagDocument(FlagDocument.load(file), {
      kind: 'enable',
      flag: 'express-shipping',
    });
    await writeFile(file, edited.text);

    expect((await change).changed).toEqual(['express-shipping']);
    expect(checkout.offersExpress()).toBe(true);
  });

  it('fails start-up on a broken document, naming flag and attribute', async () => {
    const json = JSON.parse(await readFile(file, 'utf8')) as {
      values: Record<string, Record<string, unknown>>;
    };
    json.values['route-payments']!.mode = 'far';
    await writeFile(file, JSON.stringify(json));

    await expect(create()).rejects.toThrow(
      'route-payments.mode: expected one of local|shadow|canary|remote, got "far"',
    );
  });
});
