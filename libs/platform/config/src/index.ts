export { ConfigError } from './config-error.js';
export { EnvReader, redactUrl } from './env-reader.js';
export { SeamConfig } from './seam-config.js';
export { projectRoot } from './project-root.js';
export { parseCommandLine } from './command-line.js';
