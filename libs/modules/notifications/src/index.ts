export { NotificationsModule } from './notifications.module.js';
export { NotificationsSchema } from './notifications.schema.js';
