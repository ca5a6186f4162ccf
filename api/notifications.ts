/** In-app notifications with the unread count, grouped by case; per-user channel settings. */
import { z } from 'zod';
import { NOTIFY_CHANNELS } from '../dsl/notify-channels.js';
import { CaseIdParam } from './common.js';

export const NotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  /** One case's notifications (a group of the bell). */
  caseId: CaseIdParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
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

/** The bell's groups: one per case (notifications without a case form one group of their own), newest first. */
export const NotificationGroupSchema = z.object({
  caseId: z.string().nullable(),
  /** The case's title as stored (masked). */
  caseTitle: z.string(),
  unread: z.number(),
  total: z.number(),
  latestAt: z.string(),
  latest: NotificationItemSchema,
});
export type NotificationGroup = z.infer<typeof NotificationGroupSchema>;
export const NotificationGroupsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const NotificationGroupsResponse = z.object({ groups: z.array(NotificationGroupSchema), unread: z.number() });

/** 全部已读, or all of one case. */
export const MarkAllReadBody = z.object({ caseId: CaseIdParam.optional() });
export const MarkAllReadResponse = z.object({ marked: z.number(), unread: z.number() });

export const NotifyChannelSchema = z.enum(NOTIFY_CHANNELS);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '请按“时:分”填写，如 22:00' });
/** '' and null (what GET answers for a contact not given) read as not given. */
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : typeof v === 'string' ? v.trim() : v);

/** What a user chooses; contact details the chosen channels need are required (checked by the route with field paths). */
export const NotificationSettingsBody = z.object({
  channels: z.array(NotifyChannelSchema).max(NOTIFY_CHANNELS.length).default([]),
  quietHours: z
    .object({ start: hhmm, end: hhmm })
    .refine((q) => q.start !== q.end, { message: '免打扰开始与结束不能相同', path: ['end'] })
    .nullable()
    .default(null),
  mobile: z.preprocess(blankToUndefined, z.string().regex(/^1[3-9]\d{9}$/, { message: '请填写11位手机号码' }).optional()),
  email: z.preprocess(blankToUndefined, z.email({ message: '电子邮箱格式不正确' }).max(200).optional()),
  dingtalkUserId: z.preprocess(blankToUndefined, z.string().max(64).regex(/^[A-Za-z0-9_.@-]+$/, { message: '钉钉用户ID只含字母、数字和 _ . @ -' }).optional()),
  wecomUserId: z.preprocess(blankToUndefined, z.string().max(64).regex(/^[A-Za-z0-9_.@-]+$/, { message: '企业微信用户ID只含字母、数字和 _ . @ -' }).optional()),
});
export type NotificationSettingsInput = z.input<typeof NotificationSettingsBody>;

export const NotificationSettingsResponse = z.object({
  channels: z.array(NotifyChannelSchema),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  dingtalkUserId: z.string().nullable(),
  wecomUserId: z.string().nullable(),
  /** The channels this deployment has configured: the others cannot be chosen. */
  available: z.array(NotifyChannelSchema),
});
export type NotificationSettingsView = z.infer<typeof NotificationSettingsResponse>;
