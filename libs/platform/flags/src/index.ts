export { AgentFlagSource, type AgentFlagSourceOptions } from './agent-flag-source.js';
export {
  AppConfigFlagSource,
  type AppConfigFlagSourceOptions,
  type AppConfigTarget,
} from './appconfig-flag-source.js';
export {
  FeatureFlags,
  type FeatureFlagsOptions,
  type FlagChange,
  type FlagChangeListener,
  type FlagsLogger,
  type Route,
} from './feature-flags.js';
export { FileFlagSource, type FileFlagSourceOptions } from './file-flag-source.js';
export {
  editFlagDocument,
  FlagEditError,
  writeFileAtomic,
  type EditedDocument,
  type FlagEdit,
} from './flag-document-editor.js';
export { FlagDocumentError } from './flag-document-error.js';
export { formatJsonDocument } from './flag-document-format.js';
export {
  FlagDocument,
  type ArrayConstraints,
  type AttributeConstraints,
  type AttributeDefinition,
  type AttributeValue,
  type BooleanConstraints,
  type FlagDefinition,
  type FlagDocumentJson,
  type FlagState,
  type FlagValues,
  type NumberConstraints,
  type StringConstraints,
  type ValuesMode,
} from './flag-document.js';
export { FlagSource, type FlagSourceListener, type RawFlagValues } from './flag-source.js';
export {
  DEFAULT_FLAGS_FILE,
  FLAG_SOURCE_KINDS,
  FlagsOptions,
  type FlagSourceKind,
} from './flags-options.js';
export { createFlagSource, FlagsLifecycle, FlagsModule } from './flags.module.js';
export {
  defineFlag,
  flagDocumentOf,
  ROUTE_MODES,
  routeFlag,
  shapesOf,
  type AttributeShape,
  type AttributesOf,
  type DeclaredAttribute,
  type DeclaredFlag,
  type FlagSpec,
  type FlagValue,
  type RouteAttributes,
  type RouteMode,
} from './declared-flags.js';
export { PollBackoff } from './poll-backoff.js';
