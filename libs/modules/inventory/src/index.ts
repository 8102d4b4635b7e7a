import { Inventory } from './contract/index.js';
import { defineModule } from '#platform/runtime';
import { InventorySchema } from './inventory.schema.js';

/** The inventory module as the rest of the system knows it; its code loads only where it is hosted. */
export const InventoryDeclaration = defineModule({
  name: 'inventory',
  schema: InventorySchema,
  contract: Inventory,
  subscribes: [],
  load: async () => (await import('./inventory.module.js')).InventoryModule,
});

export { InventorySchema };
