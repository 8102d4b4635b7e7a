import type { Type } from '@nestjs/common';
import ts from 'typescript';
import type { SourceFile } from './module-boundaries.js';

/**
 * The decorators that make a class something Nest must be told about, and the list it belongs in.
 * `Injectable` covers the handlers that controllers call and the stores behind ports.
 */
const REGISTERED = {
  Controller: 'controllers',
  Injectable: 'providers',
} as const;

type Decorator = keyof typeof REGISTERED;

export interface Unregistered {
  readonly file: string;
  readonly className: string;
  readonly decorator: Decorator;
  readonly list: 'controllers' | 'providers';
}

/**
 * The `@Controller` and `@Injectable` classes of a module's source files that its Nest module does not list (in `controllers`, or in
 * `providers` directly or as a `useClass`). Start-up does not see these: an unlisted controller's
 * routes answer 404, and an unlisted provider that nothing injects (a scheduler, a handler whose
 * controller went too) never runs. An unlisted provider that a listed class injects already fails
 * start-up with a DI error. Matched by class name, which is unique within a module.
 */
export function findUnregistered(files: readonly SourceFile[], module: Type): Unregistered[] {
  const listed = {
    controllers: namesIn(Reflect.getMetadata('controllers', module)),
    providers: namesIn(Reflect.getMetadata('providers', module)),
  };
  return files.flatMap((file) =>
    decoratedClasses(file).flatMap(({ className, decorator }) => {
      const list = REGISTERED[decorator];
      return listed[list].has(className) ? [] : [{ file: file.path, className, decorator, list }];
    }),
  );
}

function namesIn(entries: unknown): Set<string> {
  const names = new Set<string>();
  for (const entry of (entries ?? []) as unknown[]) {
    if (typeof entry === 'function') names.add(entry.name);
    const useClass = (entry as { useClass?: unknown } | null)?.useClass;
    if (typeof useClass === 'function') names.add(useClass.name);
  }
  return names;
}

function decoratedClasses(file: SourceFile): { className: string; decorator: Decorator }[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
  const found: { className: string; decorator: Decorator }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) && node.name) {
      // The first decorator Nest must be told about names the class once.
      const decorator = (ts.getDecorators(node) ?? [])
        .map(({ expression }) =>
          ts.isCallExpression(expression) ? expression.expression.getText(source) : '',
        )
        .find((name): name is Decorator => name in REGISTERED);
      if (decorator) found.push({ className: node.name.text, decorator });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
