export { FeatureFlags } from './feature-flags.js';
export {
  editFlagDocument,
  FlagEditError,
  writeFileAtomic,
  type FlagEdit,
} from './flag-document-editor.js';
export { FlagDocumentError } from './flag-document-error.js';
export { formatJsonDocument } from './flag-document-format.js';
export { FlagDocument, type FlagDocumentJson } from './flag-document.js';
export { FlagsOptions } from './flags-options.js';
export { FlagsModule } from './flags.module.js';
export {
  defineFlag,
  flagDocumentOf,
  ROUTE_MODES,
  routeFlag,
  type DeclaredFlag,
  type RouteMode,
} from './declared-flags.js';
