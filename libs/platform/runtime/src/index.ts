export { runProcess, type Stopper } from './process-lifecycle.js';
export { createSeamApplication, type SeamApplicationOptions } from './seam-application.js';
export { defineModule, subscriptionsOf, type ModuleDeclaration } from './module-declaration.js';
