/** In-app notifications with the unread count. */
import { z } from 'zod';

export const NotificationsQuery = z.object({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const NotificationItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  message: z.string(),
  caseId: z.string().nullable(),
  taskId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItemSchema>;
export const NotificationsResponse = z.object({ items: z.array(NotificationItemSchema), unread: z.number() });
