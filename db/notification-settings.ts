/** Per-user notification settings (migration 060): channels, quiet hours, contact details. */
import { NOTIFY_CHANNELS, type NotifyChannel } from '../dsl/notify-channels.js';
import type { Queryable } from './adapter.js';

export interface NotificationSettings {
  userId: string;
  channels: NotifyChannel[];
  /** Minutes after Shanghai midnight; may wrap midnight (22:00–07:00). */
  quiet?: { start: number; end: number };
  mobile?: string;
  email?: string;
  dingtalkUserId?: string;
  wecomUserId?: string;
}

const isChannel = (c: string): c is NotifyChannel => (NOTIFY_CHANNELS as readonly string[]).includes(c);
const opt = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function fromRow(r: Record<string, unknown>): NotificationSettings {
  const channels = (Array.isArray(r.channels) ? (r.channels as string[]) : []).filter(isChannel);
  const start = r.quiet_start === null || r.quiet_start === undefined ? undefined : Number(r.quiet_start);
  const end = r.quiet_end === null || r.quiet_end === undefined ? undefined : Number(r.quiet_end);
  return {
    userId: String(r.user_id),
    channels,
    ...(start !== undefined && end !== undefined ? { quiet: { start, end } } : {}),
    ...(opt(r.mobile) ? { mobile: opt(r.mobile) } : {}),
    ...(opt(r.email) ? { email: opt(r.email) } : {}),
    ...(opt(r.dingtalk_user_id) ? { dingtalkUserId: opt(r.dingtalk_user_id) } : {}),
    ...(opt(r.wecom_user_id) ? { wecomUserId: opt(r.wecom_user_id) } : {}),
  };
}

/** Settings of these users; a user who never saved any has none (in-app only). */
export async function settingsOf(db: Queryable, userIds: readonly string[]): Promise<Map<string, NotificationSettings>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.query<Record<string, unknown>>('SELECT * FROM notification_settings WHERE user_id = ANY($1::text[])', [[...userIds]]);
  return new Map(rows.map((r) => [String(r.user_id), fromRow(r)]));
}

export async function saveSettings(db: Queryable, s: NotificationSettings): Promise<void> {
  await db.query(
    `INSERT INTO notification_settings(user_id, channels, quiet_start, quiet_end, mobile, email, dingtalk_user_id, wecom_user_id, updated_at)
     VALUES ($1, $2::text[], $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (user_id) DO UPDATE SET channels = EXCLUDED.channels, quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
       mobile = EXCLUDED.mobile, email = EXCLUDED.email, dingtalk_user_id = EXCLUDED.dingtalk_user_id, wecom_user_id = EXCLUDED.wecom_user_id, updated_at = now()`,
    [s.userId, s.channels, s.quiet?.start ?? null, s.quiet?.end ?? null, s.mobile ?? null, s.email ?? null, s.dingtalkUserId ?? null, s.wecomUserId ?? null],
  );
}
