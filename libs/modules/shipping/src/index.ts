export { ShippingModule } from './shipping.module.js';
export { ShippingSchema } from './shipping.schema.js';
