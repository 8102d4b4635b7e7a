import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { findBoundaryViolations, loadSourceFiles, type SourceFile } from './module-boundaries.js';

const MODULES = readdirSync('libs/modules');

describe('module boundaries of this repository', () => {
  it('hold: no module reaches past another module’s contract, and no SQL crosses schemas', () => {
    const files = loadSourceFiles('.', ['apps', 'libs', 'migrations']);
    expect(files.length).toBeGreaterThan(20);
    expect(findBoundaryViolations(files, MODULES)).toEqual([]);
  });
});

/** Each rule, shown to fail when broken. */
describe('boundary rules', () => {
  const modules = ['catalog', 'ordering'];
  const check = (path: string, text: string) =>
    findBoundaryViolations([{ path, text } satisfies SourceFile], modules);

  it('reject a module importing another module’s internals by alias or relative path', () => {
    expect(
      check('libs/modules/ordering/src/x.ts', `import { CatalogModule } from '#modules/catalog';`),
    ).toMatchObject([{ rule: 'module-imports-contract-only' }]);
    expect(
      check(
        'libs/modules/ordering/src/x.ts',
        `import { Product } from '../../catalog/src/domain/product.js';`,
      ),
    ).toMatchObject([{ rule: 'module-imports-contract-only' }]);
    expect(
      check(
        'migrations/ordering/1-x.ts',
        `import { CatalogMigrations } from '#migrations/catalog';`,
      ),
    ).toMatchObject([{ rule: 'module-imports-contract-only' }]);
  });

  it('allow a module importing another module’s contract', () => {
    expect(
      check('libs/modules/ordering/src/x.ts', `import { Catalog } from '#contracts/catalog';`),
    ).toEqual([]);
    expect(
      check(
        'libs/modules/ordering/src/x.ts',
        `import { Catalog } from '../../catalog/src/contract/index.js';`,
      ),
    ).toEqual([]);
  });

  it('allow modules, their contracts and their migrations the shared contract', () => {
    const shared = `import { MoneyDto } from '#contracts/shared';`;
    expect(check('libs/modules/ordering/src/x.ts', shared)).toEqual([]);
    expect(check('libs/modules/ordering/src/contract/x.ts', shared)).toEqual([]);
    expect(check('migrations/ordering/1-x.ts', shared)).toEqual([]);
    expect(
      check(
        'libs/modules/ordering/src/contract/x.ts',
        `import { MoneyDto } from '../../../../contracts/shared/src/index.js';`,
      ),
    ).toEqual([]);
  });

  it('reject the shared contract importing a module, its contract or an app', () => {
    expect(
      check('libs/contracts/shared/src/x.ts', `import { Catalog } from '#contracts/catalog';`),
    ).toMatchObject([{ rule: 'shared-contract-imports-no-module' }]);
    expect(
      check(
        'libs/contracts/shared/src/x.ts',
        `import { Money } from '../../../modules/catalog/src/domain/money.js';`,
      ),
    ).toMatchObject([{ rule: 'shared-contract-imports-no-module' }]);
    expect(
      check('libs/contracts/shared/src/x.ts', `import { MODULES } from '#monolith/modules';`),
    ).toMatchObject([{ rule: 'shared-contract-imports-no-module' }]);
    expect(
      check(
        'libs/contracts/shared/src/x.ts',
        `import { CodePointLength } from '#platform/messaging';\nimport { SKU_PATTERN } from './identifiers.js';`,
      ),
    ).toEqual([]);
  });

  it('reject platform code importing the shared contract', () => {
    expect(
      check('libs/platform/messaging/src/x.ts', `import { MoneyDto } from '#contracts/shared';`),
    ).toMatchObject([{ rule: 'platform-imports-no-module' }]);
  });

  it('reject platform code importing a module, its contract or an app', () => {
    expect(
      check('libs/platform/messaging/src/x.ts', `import { Catalog } from '#contracts/catalog';`),
    ).toMatchObject([{ rule: 'platform-imports-no-module' }]);
    expect(
      check(
        'libs/platform/messaging/src/x.ts',
        `export * from '../../../modules/catalog/src/index.js';`,
      ),
    ).toMatchObject([{ rule: 'platform-imports-no-module' }]);
    expect(
      check('libs/platform/http/src/x.ts', `const m = await import('#monolith/hosted-modules');`),
    ).toMatchObject([{ rule: 'platform-imports-no-module' }]);
  });

  it('reject a contract importing its own module’s internals', () => {
    expect(
      check(
        'libs/modules/catalog/src/contract/x.ts',
        `import { Product } from '../domain/product.js';`,
      ),
    ).toMatchObject([{ rule: 'contract-is-self-contained' }]);
  });

  it('reject SQL, query-builder tables and entity schemas naming another module’s schema', () => {
    expect(
      check(
        'libs/modules/ordering/src/x.ts',
        'db.query(`SELECT price FROM catalog.products WHERE sku = $1`);',
      ),
    ).toMatchObject([{ rule: 'sql-stays-in-own-schema' }]);
    expect(
      check('migrations/ordering/1-x.ts', `q.query('ALTER TABLE "catalog"."products" ADD x int')`),
    ).toMatchObject([{ rule: 'sql-stays-in-own-schema' }]);
    expect(
      check('libs/modules/ordering/src/x.ts', `qb.select().from('catalog.products', 'p')`),
    ).toMatchObject([{ rule: 'sql-stays-in-own-schema' }]);
    expect(
      check(
        'libs/modules/ordering/src/x.ts',
        `@Entity({ schema: 'catalog', name: 'products' }) class X {}`,
      ),
    ).toMatchObject([{ rule: 'sql-stays-in-own-schema' }]);
  });

  it('allow SQL on the module’s own schema and pattern names of other modules', () => {
    expect(
      check('libs/modules/ordering/src/x.ts', 'db.query(`SELECT * FROM ordering.orders`)'),
    ).toEqual([]);
    expect(
      check('libs/modules/ordering/src/x.ts', `bus.to(Catalog).send('catalog.get-products', req)`),
    ).toEqual([]);
  });
});
