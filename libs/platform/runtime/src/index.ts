export { runProcess } from './process-lifecycle.js';
export { createSeamApplication, listenSeamApplication } from './seam-application.js';
export {
  defineModule,
  flagsOf,
  subscriptionsOf,
  type ModuleDeclaration,
} from './module-declaration.js';
export { workflowsOf } from './module-workflows.js';
