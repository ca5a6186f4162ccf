/**
 * The engine's Notifier and Directory backed by the app database: notifications land in the
 * in-app table (idempotent on key × user), and extra channels (SMS, WeCom …) plug in behind
 * `NotificationChannel` without touching the engine.
 */
import type { Directory, Notifier, NotifyRequest } from '../activities/types.js';
import type { Queryable } from './adapter.js';
import { activeDelegations } from './delegations.js';

/** An outside channel; called once per recipient after the in-app row is written for the first time. */
export interface NotificationChannel {
  readonly name: string;
  send(userId: string, req: NotifyRequest): Promise<void>;
}

export async function recipientsOf(db: Queryable, req: Pick<NotifyRequest, 'userIds' | 'grants'>): Promise<string[]> {
  const out = new Set(req.userIds);
  for (const g of req.grants) for (const u of await usersWithRole(db, g.role, g.orgUnit)) out.add(u);
  return [...out];
}

export function createDbNotifier(db: Queryable, channels: NotificationChannel[] = []): Notifier {
  return {
    async send(req) {
      for (const userId of await recipientsOf(db, req)) {
        const inserted = await db.query(
          `INSERT INTO notifications(key, user_id, kind, title, message, case_id, task_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (key, user_id) DO NOTHING RETURNING id`,
          [req.key, userId, req.kind, req.title, req.message, req.caseId, req.taskId ?? null],
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
    },
  };
}

export function createDbDirectory(db: Queryable): Directory {
  return {
    usersWithRole: (role, orgUnit) => usersWithRole(db, role, orgUnit),
    userExists: (userId) => userExists(db, userId),
    activeDelegations: (userIds, procedure, at) => activeDelegations(db, userIds, procedure, at),
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
