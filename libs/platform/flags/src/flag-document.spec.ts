import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import * as prettier from 'prettier';
import { FlagDocumentError } from './flag-document-error.js';
import { formatJsonDocument } from './flag-document-format.js';
import { FlagDocument, type FlagDocumentJson } from './flag-document.js';
import { FlagsOptions } from './flags-options.js';
import { routeFlag, shapesOf } from './declared-flags.js';

const repositoryFile = FlagsOptions.defaults().file;
const repository = FlagDocument.load(repositoryFile, 'feature-flags.json');
const json = repository.json;

/** The repository's values with one flag's value replaced (undefined removes it). */
function valuesWith(flag: string, value: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = { ...json.values, [flag]: value };
  if (value === undefined) delete values[flag];
  return values;
}

function rejection(run: () => unknown): FlagDocumentError {
  try {
    run();
  } catch (error) {
    if (error instanceof FlagDocumentError) return error;
    throw error;
  }
  throw new Error('expected a FlagDocumentError');
}

const route = { enabled: true, mode: 'local', percent: 0 };

describe('the repository flag document', () => {
  it('is a valid AWS.AppConfig.FeatureFlags document, each module routed locally', () => {
    expect(json.version).toBe('1');
    const routes = repository.flagNames.filter((name) => name.startsWith('route-'));
    expect(routes.length).toBeGreaterThan(0);
    for (const name of routes) expect(repository.defaults[name]).toEqual(route);
  });

  it('defines the route flags with the types the code expects', () => {
    const modules = repository.flagNames
      .filter((name) => name.startsWith('route-'))
      .map((name) => name.slice('route-'.length));
    expect(repository.problemsWith(shapesOf(modules.map(routeFlag)))).toEqual([]);
  });

  it('is written exactly as formatJsonDocument prints it', () => {
    expect(formatJsonDocument(json)).toBe(readFileSync(repositoryFile, 'utf8'));
  });
});

describe('FlagDocument.validateValues', () => {
  it('accepts the flattened values AppConfig delivers and returns every flag in definition order', () => {
    const values = repository.validateValues(
      valuesWith('route-payments', { enabled: true, mode: 'canary', percent: 12.5 }),
      'test',
    );
    expect(Object.keys(values)).toEqual(repository.flagNames);
    expect(values['route-payments']).toEqual({ enabled: true, mode: 'canary', percent: 12.5 });
    expect(Object.isFrozen(values['route-payments'])).toBe(true);
  });

  it('gives a disabled flag delivered without attributes the document’s attributes', () => {
    const values = repository.validateValues(
      valuesWith('fraud-check', { enabled: false }),
      'AppConfig',
    );
    expect(values['fraud-check']).toEqual({ enabled: false, maxOrderAmount: 100000 });
  });

  it.each([
    [
      'an attribute outside its enum',
      valuesWith('route-payments', { enabled: true, mode: 'far', percent: 0 }),
      'route-payments.mode: expected one of local|shadow|canary|remote, got "far"',
    ],
    [
      'a number above its maximum',
      valuesWith('route-payments', { enabled: true, mode: 'canary', percent: 150 }),
      'route-payments.percent: expected a number from 0 to 100, got 150',
    ],
    [
      'a number below its minimum',
      valuesWith('fraud-check', { enabled: true, maxOrderAmount: 0 }),
      'fraud-check.maxOrderAmount: expected a number >= 1, got 0',
    ],
    [
      'an attribute of the wrong type',
      valuesWith('route-payments', { enabled: true, mode: 'canary', percent: '50' }),
      'route-payments.percent: expected a number from 0 to 100, got "50"',
    ],
    [
      'a missing required attribute on an enabled flag',
      valuesWith('route-payments', { enabled: true, percent: 0 }),
      'route-payments.mode: required attribute missing',
    ],
    [
      'enabled that is not a boolean',
      valuesWith('express-shipping', { enabled: 'yes', surchargePercent: 100 }),
      'express-shipping.enabled: expected true or false, got "yes"',
    ],
    [
      'an unknown flag',
      { ...json.values, 'route-billing': { enabled: true } },
      'route-billing: unknown flag',
    ],
    [
      'a missing flag',
      valuesWith('route-shipping', undefined),
      'route-shipping: missing (every defined flag needs a value)',
    ],
    [
      'an unknown attribute',
      valuesWith('route-payments', { ...route, colour: 'red' }),
      'route-payments.colour: unknown attribute (route-payments defines mode, percent)',
    ],
    [
      'a multi-variant flag',
      valuesWith('route-payments', { ...route, _variants: [] }),
      'route-payments._variants: multi-variant flags are not supported',
    ],
    [
      'a flag value that is not an object',
      valuesWith('route-payments', true),
      'route-payments: expected an object like {"enabled": true, …}, got true',
    ],
  ])('rejects %s, naming the flag and the attribute', (_case, values, problem) => {
    const error = rejection(() => repository.validateValues(values, 'AppConfig version 7'));
    expect(error.problems).toEqual([expect.stringContaining(problem)]);
    expect(error.message).toContain('AppConfig version 7');
    expect(error.message).toContain(problem);
  });

  it('lists every problem of a document at once', () => {
    const values = {
      ...valuesWith('route-payments', { enabled: true, mode: 'far', percent: 101 }),
      'fraud-check': { enabled: 1, maxOrderAmount: 100 },
    };
    expect(rejection(() => repository.validateValues(values, 'test')).problems).toEqual([
      'route-payments.mode: expected one of local|shadow|canary|remote, got "far"',
      'route-payments.percent: expected a number from 0 to 100, got 101',
      'fraud-check.enabled: expected true or false, got 1',
    ]);
  });

  it('rejects something that is not an object of flags', () => {
    expect(rejection(() => repository.validateValues([1, 2], 'test')).problems).toEqual([
      'expected an object of flag values like {"<flag>": {"enabled": true}}, got [1,2]',
    ]);
  });

  describe('with every kind of constraint', () => {
    const document = FlagDocument.from(
      {
        version: '1',
        flags: {
          banner: {
            name: 'Banner',
            _deprecation: { status: 'planned', date: '2030-01-31' },
            attributes: {
              code: { constraints: { type: 'string', pattern: '^[A-Z]{3}$' } },
              regions: {
                constraints: { type: 'array', elements: { type: 'string', enum: ['eu', 'us'] } },
              },
              limits: { constraints: { type: 'array', elements: { type: 'number', minimum: 1 } } },
              loud: { constraints: { type: 'boolean', required: true } },
              anything: {},
            },
          },
        },
        values: { banner: { enabled: true, loud: false } },
      },
      'inline',
    );
    const banner = (attributes: Record<string, unknown>) => ({
      banner: { enabled: true, loud: true, ...attributes },
    });

    it('accepts values that keep them, and optional attributes left out', () => {
      expect(
        document.validateValues(
          banner({ code: 'EUR', regions: ['eu'], limits: [1, 2.5], anything: ['x', 'y'] }),
          'test',
        ).banner,
      ).toEqual({
        enabled: true,
        code: 'EUR',
        regions: ['eu'],
        limits: [1, 2.5],
        loud: true,
        anything: ['x', 'y'],
      });
      expect(document.validateValues(banner({}), 'test').banner).toEqual({
        enabled: true,
        loud: true,
      });
    });

    it.each([
      [{ code: 'euro' }, 'banner.code: expected a string matching /^[A-Z]{3}$/, got "euro"'],
      [{ regions: ['eu', 'asia'] }, 'banner.regions[1]: expected one of eu|us, got "asia"'],
      [{ regions: 'eu' }, 'banner.regions: expected an array of strings, got "eu"'],
      [{ limits: [3, 0] }, 'banner.limits[1]: expected a number >= 1, got 0'],
      [{ loud: 'no' }, 'banner.loud: expected true or false, got "no"'],
      [
        { anything: { a: 1 } },
        'banner.anything: expected a string, number, boolean or array of strings or numbers, got {"a":1}',
      ],
      [
        { anything: [1, 'a'] },
        'banner.anything: expected a string, number, boolean or array of strings or numbers, got [1,"a"]',
      ],
    ])('rejects %j', (attributes, problem) => {
      expect(rejection(() => document.validateValues(banner(attributes), 'test')).problems).toEqual(
        [problem],
      );
    });
  });
});

describe('FlagDocument.validateValues while a release rolls out', () => {
  it('ignores flags it does not define and keeps its own value for flags not served, noting both', () => {
    const notices: string[] = [];
    const served = {
      ...valuesWith('route-shipping', undefined),
      'route-billing': { enabled: true },
    };
    const values = repository.validateValues(served, 'AppConfig version 8', 'delivered', notices);
    expect(values['route-billing']).toBeUndefined();
    expect(values['route-shipping']).toEqual(repository.defaults['route-shipping']);
    expect(notices).toEqual([
      'route-billing: not defined in feature-flags.json; ignored',
      "route-shipping: not served by AppConfig version 8; using feature-flags.json's value",
    ]);
  });

  it('still rejects a served flag with a bad value', () => {
    const served = valuesWith('route-payments', { enabled: true, mode: 'far', percent: 0 });
    expect(() => repository.validateValues(served, 'AppConfig', 'delivered', [])).toThrow(
      /route-payments\.mode/,
    );
  });
});

describe('FlagDocument definitions', () => {
  const broken = (change: (document: Record<string, unknown>) => void): string[] => {
    const document = structuredClone(json) as unknown as Record<string, unknown>;
    change(document);
    return [...rejection(() => FlagDocument.from(document, 'broken.json')).problems];
  };
  const flags = (document: Record<string, unknown>) =>
    document.flags as Record<string, Record<string, unknown>>;
  const mode = (document: Record<string, unknown>) =>
    (flags(document)['route-payments']!.attributes as Record<string, Record<string, unknown>>)
      .mode as { constraints: Record<string, unknown> };

  it('fails loading a file that is not JSON, naming the file', () => {
    expect(() => FlagDocument.parse('{"version": "1",', 'feature-flags.json')).toThrow(
      /Flag document from feature-flags.json rejected: not valid JSON/,
    );
  });

  it('fails loading a file that does not exist', () => {
    expect(() => FlagDocument.load('/nonexistent/feature-flags.json')).toThrow(/cannot be read/);
  });

  it.each<[string, (document: Record<string, unknown>) => void, string]>([
    ['another version', (d) => (d.version = 2), 'version: expected "1", got 2'],
    ['an extra top-level key', (d) => (d.owner = 'me'), 'owner: not allowed at the top level'],
    [
      'no flags',
      (d) => delete d.flags,
      'flags: expected an object of flag definitions, got nothing',
    ],
    [
      'a bad flag key',
      (d) => (flags(d)['Route Payments'] = {}),
      'flags.Route Payments: a flag key is a lowercase letter',
    ],
    [
      'an unknown constraint type',
      (d) => (mode(d).constraints.type = 'enum'),
      'flags.route-payments.attributes.mode.constraints.type: expected one of string|number|array|boolean, got "enum"',
    ],
    [
      'both pattern and enum',
      (d) => (mode(d).constraints.pattern = '^l'),
      'flags.route-payments.attributes.mode.constraints: pattern and enum cannot both be set',
    ],
    [
      'a pattern that is not a regular expression',
      (d) => {
        delete mode(d).constraints.enum;
        mode(d).constraints.pattern = '([a-z';
      },
      'flags.route-payments.attributes.mode.constraints.pattern: not a valid regular expression',
    ],
    [
      'a minimum above the maximum',
      (d) =>
        Object.assign(
          (flags(d)['express-shipping']!.attributes as Record<string, { constraints: object }>)
            .surchargePercent!.constraints,
          { minimum: 600 },
        ),
      'flags.express-shipping.attributes.surchargePercent.constraints: minimum 600 is above maximum 500',
    ],
    [
      'a constraint another type does not have',
      (d) => (mode(d).constraints.minimum = 1),
      'flags.route-payments.attributes.mode.constraints.minimum: not allowed in string constraints',
    ],
    [
      'an attribute named enabled',
      (d) => (flags(d)['fraud-check']!.attributes = { enabled: {} }),
      'flags.fraud-check.attributes.enabled: an attribute key is',
    ],
    [
      'a bad deprecation',
      (d) => (flags(d)['fraud-check']!._deprecation = { status: 'soon', date: '31/01/2030' }),
      'flags.fraud-check._deprecation.status: expected "planned", got "soon"',
    ],
    [
      'values that break the definitions',
      (d) =>
        ((d.values as Record<string, Record<string, unknown>>)['route-payments']!.mode = 'far'),
      'route-payments.mode: expected one of local|shadow|canary|remote, got "far"',
    ],
    [
      'a disabled flag without its required attributes',
      (d) => ((d.values as Record<string, unknown>)['fraud-check'] = { enabled: false }),
      'fraud-check.maxOrderAmount: required attribute missing',
    ],
  ])('fails start-up on %s, naming where', (_case, change, problem) => {
    expect(broken(change)).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
  });

  it('accepts a planned deprecation and console metadata', () => {
    const document = structuredClone(json) as unknown as {
      flags: Record<string, Record<string, unknown>>;
      values: Record<string, Record<string, unknown>>;
    };
    document.flags['fraud-check']!._deprecation = { status: 'planned', date: '2030-01-31' };
    document.flags['fraud-check']!._createdAt = '2025-01-01T00:00:00Z';
    document.values['fraud-check']!._updatedAt = '2025-01-02T00:00:00Z';
    expect(FlagDocument.from(document, 'x').definition('fraud-check')?._deprecation).toEqual({
      status: 'planned',
      date: '2030-01-31',
    });
  });

  it('reports flags and attributes the code reads but the document lacks or types differently', () => {
    const document = structuredClone(json) as unknown as {
      flags: Record<string, Record<string, unknown>>;
      values: Record<string, unknown>;
    };
    delete document.flags['fraud-check'];
    delete document.values['fraud-check'];
    Object.assign(document.flags['route-payments']!, {
      attributes: {
        mode: { constraints: { type: 'string', enum: ['local', 'moon'], required: true } },
        percent: { constraints: { type: 'string' } },
      },
    });
    (document.values as Record<string, unknown>)['route-payments'] = {
      enabled: true,
      mode: 'local',
      percent: '0',
    };
    const shapes = {
      ...shapesOf([routeFlag('payments')]),
      'fraud-check': { maxOrderAmount: 'number' },
    } as const;
    expect(FlagDocument.from(document, 'x').problemsWith(shapes)).toEqual([
      'flags.route-payments.attributes.mode: the code understands only a string, one of local|shadow|canary|remote; add that enum',
      'flags.route-payments.attributes.percent: the code reads it as number, the document defines string',
      'flags.route-payments.attributes.percent: the code needs it on every enabled flag; add "required": true',
      'flags.fraud-check: the code reads this flag; define it',
    ]);
  });
});

describe('formatJsonDocument', () => {
  it('prints what Prettier prints, so a document it writes passes prettier --check', async () => {
    const document = {
      version: '1',
      flags: { wide: { attributes: {} } },
      values: {
        wide: {
          enabled: true,
          short: ['a', 'b'],
          long: Array.from({ length: 30 }, (_, index) => `region-${index}`),
          numbers: Array.from({ length: 60 }, (_, index) => index * 7),
          empty: [],
          nested: {},
          text: 'a "quoted" \\ value',
        },
      },
    } as unknown as FlagDocumentJson;
    const text = formatJsonDocument(document);
    const config = await prettier.resolveConfig(repositoryFile);
    expect(text).toBe(await prettier.format(text, { ...config, filepath: repositoryFile }));
  });
});
