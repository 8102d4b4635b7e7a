export { OrderingModule } from './ordering.module.js';
export { OrderingSchema } from './ordering.schema.js';
