import { NotificationsMigrations } from '#migrations/notifications';
import { defineModuleSchema } from '#platform/persistence';

export const NotificationsSchema = defineModuleSchema({
  module: 'notifications',
  migrations: NotificationsMigrations,
});
