export { PaymentsModule } from './payments.module.js';
export { PaymentsSchema } from './payments.schema.js';
