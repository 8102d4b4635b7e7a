export { runProcess, type Stopper } from './process-lifecycle.js';
export { createSeamApplication, type SeamApplicationOptions } from './seam-application.js';
