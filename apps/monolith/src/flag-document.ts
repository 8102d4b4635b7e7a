import { flagDocumentOf, formatJsonDocument, type FlagDocumentJson } from '#platform/flags';
import { flagsOf } from '#platform/runtime';
import { MODULES } from './modules.js';

/**
 * The flag document of this build, as `npm run flags -- document` writes it: a `route-<module>`
 * flag per declared module, then each module's business flags, with the values of `current`
 * (the document in force) where they still fit, else each flag's initial value.
 */
export function declaredFlagDocument(current?: FlagDocumentJson): string {
  return formatJsonDocument(flagDocumentOf(flagsOf(MODULES), current));
}
