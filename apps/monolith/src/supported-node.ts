/**
 * Imported first by every entry point: refuses to start on a Node other than the pinned major
 * (package.json `engines`, the `node` devDependency). On Node 20 the process would start and
 * then fail every saga step (`Promise.withResolvers is not a function`), far from the cause.
 * Imports nothing, so it runs before any other module is evaluated.
 */
export const SUPPORTED_NODE_MAJOR = 22;

/** Why `version` (as in `process.versions.node`) cannot run Seam; undefined when it can. */
export function unsupportedNode(version: string): string | undefined {
  const major = Number(version.split('.')[0]);
  if (major === SUPPORTED_NODE_MAJOR) return undefined;
  return `Seam needs Node ${SUPPORTED_NODE_MAJOR}.x, but this is Node ${version}: run it through the npm scripts (npm start), which use the pinned Node, or install Node ${SUPPORTED_NODE_MAJOR}.`;
}

const refusal = unsupportedNode(process.versions.node);
if (refusal) {
  process.stderr.write(`${refusal}\n`);
  process.exit(1);
}
