export { InventoryModule } from './inventory.module.js';
export { InventorySchema } from './inventory.schema.js';
