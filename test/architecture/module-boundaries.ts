import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Repository-relative, forward slashes, e.g. `libs/modules/catalog/src/catalog.module.ts`. */
  readonly path: string;
  readonly text: string;
}

export type Rule =
  | 'module-imports-contract-only'
  | 'platform-imports-no-module'
  | 'contract-is-self-contained'
  | 'shared-contract-imports-no-module'
  | 'sql-stays-in-own-schema';

export interface Violation {
  readonly rule: Rule;
  readonly file: string;
  readonly detail: string;
}

const SQL_KEYWORDS =
  /\b(select|insert|update|delete|from|join|into|table|schema|references|alter|create|drop|grant|truncate)\b/i;
/** Query-builder and repository calls whose string arguments name tables. */
const TABLE_NAMING_CALLS = new Set([
  'from',
  'into',
  'update',
  'delete',
  'innerJoin',
  'leftJoin',
  'query',
  'createQueryBuilder',
]);

/** Every .ts file under the given folders (tests excluded), as the rules see them. */
export function loadSourceFiles(root: string, folders: readonly string[]): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(posix.join(root, dir))) {
      const path = posix.join(dir, name);
      if (statSync(posix.join(root, path)).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.spec.ts'))
        files.push({ path, text: readFileSync(posix.join(root, path), 'utf8') });
    }
  };
  folders.forEach(walk);
  return files;
}

/**
 * The module boundary rules (docs/architecture.md):
 * 1. a module imports another module only through its `contract/` (`#contracts/<module>`);
 * 2. platform libraries never import modules, migrations or apps;
 * 3. a contract imports nothing of its module outside `contract/`, so it can be published as is;
 * 4. a module's SQL and entities name no other module's schema;
 * 5. the shared contract (`#contracts/shared`, value shapes every module may use) is no module: it
 *    imports no module, migration or app, and platform code does not import it either.
 */
export function findBoundaryViolations(
  files: readonly SourceFile[],
  modules: readonly string[],
): Violation[] {
  return files.flatMap((file) => {
    const owner = ownerOf(file.path);
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
    const violations: Violation[] = [];
    const report = (rule: Rule, detail: string) =>
      violations.push({ rule, file: file.path, detail });

    for (const specifier of importSpecifiers(source)) {
      const target = targetOf(file.path, specifier);
      if (owner.kind === 'platform' && target.kind !== 'platform' && target.kind !== 'package') {
        report('platform-imports-no-module', `imports ${specifier}`);
      }
      if (
        owner.kind === 'module' &&
        target.kind === 'module' &&
        target.module !== owner.module &&
        !target.contract
      ) {
        report(
          'module-imports-contract-only',
          `imports ${specifier}, which is not ${target.module}'s contract`,
        );
      }
      if (
        owner.kind === 'module' &&
        owner.contract &&
        !(
          target.kind === 'package' ||
          target.kind === 'platform' ||
          target.kind === 'shared-contract' ||
          (target.kind === 'module' && target.contract)
        )
      ) {
        report('contract-is-self-contained', `imports ${specifier} from outside contract/`);
      }
      if (
        owner.kind === 'shared-contract' &&
        !(
          target.kind === 'package' ||
          target.kind === 'platform' ||
          target.kind === 'shared-contract'
        )
      ) {
        report('shared-contract-imports-no-module', `imports ${specifier}`);
      }
    }

    if (owner.kind === 'module') {
      const others = modules.filter((module) => module !== owner.module);
      for (const { text, why } of sqlStrings(source)) {
        const foreign = others.find((other) =>
          why === 'schema option'
            ? text === other
            : new RegExp(`(^|[^\\w.])"?${other}"?\\s*\\.\\s*"?[a-z_]`, 'i').test(text),
        );
        if (foreign)
          report(
            'sql-stays-in-own-schema',
            `${why} names schema "${foreign}": ${text.trim().slice(0, 80)}`,
          );
      }
    }
    return violations;
  });
}

type Owner =
  | { kind: 'module'; module: string; contract: boolean }
  | { kind: 'shared-contract' }
  | { kind: 'platform' }
  | { kind: 'app' }
  | { kind: 'package' }
  | { kind: 'other' };

function ownerOf(path: string): Owner {
  const module = /^libs\/modules\/([^/]+)\/(.*)$/.exec(path);
  if (module)
    return { kind: 'module', module: module[1]!, contract: module[2]!.startsWith('src/contract/') };
  const migration = /^migrations\/([^/]+)\//.exec(path);
  if (migration) return { kind: 'module', module: migration[1]!, contract: false };
  if (path.startsWith('libs/contracts/shared/')) return { kind: 'shared-contract' };
  if (path.startsWith('libs/platform/')) return { kind: 'platform' };
  if (path.startsWith('apps/')) return { kind: 'app' };
  return { kind: 'other' };
}

function targetOf(from: string, specifier: string): Owner {
  if (specifier === '#contracts/shared') return { kind: 'shared-contract' };
  const alias = /^#(platform|modules|contracts|migrations|monolith)\/([^/]+)/.exec(specifier);
  if (alias) {
    const [, kind, name] = alias;
    if (kind === 'platform') return { kind: 'platform' };
    if (kind === 'monolith') return { kind: 'app' };
    return { kind: 'module', module: name!, contract: kind === 'contracts' };
  }
  if (specifier.startsWith('.'))
    return ownerOf(posix.normalize(posix.join(posix.dirname(from), specifier)));
  return { kind: 'package' };
}

function importSpecifiers(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** String literals that are SQL, name a table in a query-builder call, or set an entity's schema. */
function sqlStrings(source: ts.SourceFile): { text: string; why: string }[] {
  const found: { text: string; why: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node)
    ) {
      const text = node.getText(source).slice(1, -1);
      const parent = node.parent;
      if (SQL_KEYWORDS.test(text)) found.push({ text, why: 'SQL' });
      else if (
        ts.isCallExpression(parent) &&
        ts.isPropertyAccessExpression(parent.expression) &&
        TABLE_NAMING_CALLS.has(parent.expression.name.text)
      ) {
        found.push({ text, why: `${parent.expression.name.text}()` });
      } else if (ts.isPropertyAssignment(parent) && parent.name.getText(source) === 'schema') {
        found.push({ text, why: 'schema option' });
      }
      if (ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
