/**
 * The engine's Notifier and Directory backed by the app database: notifications land in the
 * in-app table (idempotent on key × user) and, with an outbox, become channel messages (DingTalk,
 * WeCom, SMS, e-mail) that the dispatcher sends (notification-outbox.ts, notification-dispatcher.ts).
 * `NotificationChannel` is a synchronous hook the soak uses to prove nothing leaves twice.
 */
import type { Directory, Notifier, NotifyRequest } from '../activities/types.js';
import type { NotifyChannel } from '../dsl/notify-channels.js';
import type { Queryable } from './adapter.js';
import { activeDelegations } from './delegations.js';
import { insertDeliveries, nearestRobot, planDeliveries, unitParents } from './notification-outbox.js';
import { settingsOf } from './notification-settings.js';

/** An outside channel; called once per recipient after the in-app row is written for the first time. */
export interface NotificationChannel {
  readonly name: string;
  send(userId: string, req: NotifyRequest): Promise<void>;
}

/** The channels a deployment has (activities/channels) as the notifier needs them, and the dispatcher's wake-up. */
export interface NotifierOutbox {
  available: ReadonlySet<NotifyChannel>;
  robots(channel: 'dingtalkRobot' | 'wecomRobot'): readonly { id: string; orgUnit: string }[];
  /** New rows were written: send now rather than at the next poll. */
  kick(): void;
  now?(): number;
}

export async function recipientsOf(db: Queryable, req: Pick<NotifyRequest, 'userIds' | 'grants'>): Promise<string[]> {
  const out = new Set(req.userIds);
  for (const g of req.grants) for (const u of await usersWithRole(db, g.role, g.orgUnit)) out.add(u);
  return [...out];
}

export function createDbNotifier(db: Queryable, channels: NotificationChannel[] = [], outbox?: NotifierOutbox): Notifier {
  return {
    async send(req) {
      const recipients = await recipientsOf(db, req);
      for (const userId of recipients) {
        const inserted = await db.query(
          `INSERT INTO notifications(key, user_id, kind, title, message, case_id, task_id, case_title) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (key, user_id) DO NOTHING RETURNING id`,
          [req.key, userId, req.kind, req.title, req.message, req.caseId, req.taskId ?? null, req.caseTitle ?? null],
        );
        if (inserted.length === 0) continue; // already sent: retried or replayed activity
        if (req.cc) {
          // A 抄送 node: the copy sits in the recipient's 抄送 list, like a copy sent by hand.
          await db.query(
            `INSERT INTO cc(user_id, case_id, case_title, procedure, org_unit, from_user, note) VALUES ($1, $2, $3, $4, $5, NULL, $6)
             ON CONFLICT (user_id, case_id) DO UPDATE SET note = EXCLUDED.note, from_user = NULL, created_at = now(), read_at = NULL`,
            [userId, req.caseId, req.cc.caseTitle, req.cc.procedure, req.cc.orgUnit, req.cc.note],
          );
        }
        for (const ch of channels) await ch.send(userId, req);
      }
      // Planned for every recipient on every attempt: the rows are unique on their dedupe keys, so
      // an attempt that died between the bell and the outbox is completed by the retry.
      if (outbox && outbox.available.size > 0 && (await enqueue(db, outbox, req, recipients)) > 0) outbox.kick();
    },
  };
}

async function enqueue(db: Queryable, outbox: NotifierOutbox, req: NotifyRequest, recipients: string[]): Promise<number> {
  const settings = await settingsOf(db, recipients);
  if (settings.size === 0) return 0;
  const wantsGroup = [...settings.values()].some((s) => s.channels.includes('dingtalkRobot') || s.channels.includes('wecomRobot'));
  const parents = wantsGroup ? await unitParents(db) : new Map<string, string | null>();
  const units = new Map<string, string[]>();
  if (wantsGroup) {
    const rows = await db.query<{ user_id: string; org_unit: string }>('SELECT user_id, org_unit FROM user_grants WHERE user_id = ANY($1::text[])', [[...settings.keys()]]);
    for (const r of rows) units.set(r.user_id, [...(units.get(r.user_id) ?? []), r.org_unit]);
  }
  const planned = planDeliveries({
    key: req.key,
    nowMs: outbox.now?.() ?? Date.now(),
    recipients,
    settings,
    available: outbox.available,
    robotOf: (channel, userId) =>
      channel === 'dingtalkRobot' || channel === 'wecomRobot' ? nearestRobot(units.get(userId) ?? [], parents, outbox.robots(channel)) : undefined,
  });
  return insertDeliveries(db, req, planned);
}

export function createDbDirectory(db: Queryable): Directory {
  return {
    usersWithRole: (role, orgUnit) => usersWithRole(db, role, orgUnit),
    userExists: (userId) => userExists(db, userId),
    activeDelegations: (userIds, procedure, at) => activeDelegations(db, userIds, procedure, at),
    async unit(unitId) {
      const rows = await db.query<{ name: string; level: string }>('SELECT name, level FROM org_units WHERE id = $1', [unitId]);
      return rows[0];
    },
  };
}

/** Enabled users holding `role` in `orgUnit` (the engine's assignees and notice recipients). */
export async function usersWithRole(db: Queryable, role: string, orgUnit: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    'SELECT g.user_id FROM user_grants g JOIN users u ON u.id = g.user_id WHERE g.role = $1 AND g.org_unit = $2 AND NOT u.disabled ORDER BY g.user_id',
    [role, orgUnit],
  );
  return rows.map((r) => r.user_id);
}

export async function userExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM users WHERE id = $1 AND NOT disabled', [id])).length > 0;
}
