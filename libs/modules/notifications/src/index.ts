import { OrderConfirmed, OrderRejected } from '#contracts/ordering';
import { ShipmentCreated } from '#contracts/shipping';
import { defineModule } from '#platform/runtime';
import { NotificationsSchema } from './notifications.schema.js';

/** The notifications module as the rest of the system knows it; its code loads only where it is hosted. */
export const NotificationsDeclaration = defineModule({
  name: 'notifications',
  schema: NotificationsSchema,
  subscribes: [OrderConfirmed, OrderRejected, ShipmentCreated],
  load: async () => (await import('./notifications.module.js')).NotificationsModule,
});

export { NotificationsSchema };
