/**
 * The outbox of channel messages (migration 060). The notifier plans a notification's messages
 * per recipient — their channels, the end of their quiet hours, the group robot of their unit —
 * and writes them as rows unique on a dedupe key, so a retried activity or a replayed reminder
 * adds nothing; the dispatcher (notification-dispatcher.ts) claims due rows, sends, and records.
 *
 * A group robot posts once per notification and group, mentioning every recipient it is for;
 * recipients in quiet hours get a message of their own at the end of them.
 */
import { GROUP_CHANNELS, type NotifyChannel } from '../dsl/notify-channels.js';
import { shanghaiMinuteOfDay } from '../dsl/shanghai-time.js';
import type { DeliveryPayload } from '../activities/channels/message.js';
import type { NotifyRequest } from '../activities/types.js';
import type { Queryable } from './adapter.js';
import type { NotificationSettings } from './notification-settings.js';

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** The end of the quiet hours `now` falls in, or undefined outside them (start == end: none). */
export function quietUntil(nowMs: number, quiet: { start: number; end: number } | undefined): number | undefined {
  if (!quiet || quiet.start === quiet.end) return undefined;
  const m = shanghaiMinuteOfDay(nowMs);
  const inside = quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
  if (!inside) return undefined;
  const midnight = Math.floor((nowMs + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;
  const endToday = midnight + quiet.end * 60_000;
  return endToday > nowMs ? endToday : endToday + DAY_MS;
}

export interface PlannedDelivery {
  dedupeKey: string;
  channel: NotifyChannel;
  target: string;
  recipients: string[];
  notBefore: number;
}

export interface RoutingInput {
  key: string;
  nowMs: number;
  recipients: readonly string[];
  settings: ReadonlyMap<string, NotificationSettings>;
  available: ReadonlySet<NotifyChannel>;
  /** The group robot a user is reached by on a group channel, if any. */
  robotOf(channel: NotifyChannel, userId: string): string | undefined;
}

/** Pure: the messages a notification becomes. */
export function planDeliveries(input: RoutingInput): PlannedDelivery[] {
  const personal: PlannedDelivery[] = [];
  const groups = new Map<string, PlannedDelivery>();
  for (const userId of input.recipients) {
    const s = input.settings.get(userId);
    if (!s) continue;
    const until = quietUntil(input.nowMs, s.quiet);
    for (const channel of s.channels) {
      if (!input.available.has(channel)) continue;
      if (GROUP_CHANNELS.includes(channel)) {
        const robot = input.robotOf(channel, userId);
        if (!robot) continue;
        const dedupeKey = `${input.key}|${channel}|${robot}|${until === undefined ? 'now' : new Date(until).toISOString()}`;
        const g = groups.get(dedupeKey) ?? { dedupeKey, channel, target: robot, recipients: [], notBefore: until ?? input.nowMs };
        g.recipients.push(userId);
        groups.set(dedupeKey, g);
      } else {
        personal.push({ dedupeKey: `${input.key}|${channel}|${userId}`, channel, target: userId, recipients: [userId], notBefore: until ?? input.nowMs });
      }
    }
  }
  return [...groups.values(), ...personal];
}

/** Org units and their parents, for robot routing. */
export async function unitParents(db: Queryable): Promise<Map<string, string | null>> {
  const rows = await db.query<{ id: string; parent_id: string | null }>('SELECT id, parent_id FROM org_units');
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

/** The robot of the nearest unit (a user's own units first, then up the tree) that has one. */
export function nearestRobot(userUnits: readonly string[], parents: ReadonlyMap<string, string | null>, robots: readonly { id: string; orgUnit: string }[]): string | undefined {
  const byUnit = new Map(robots.map((r) => [r.orgUnit, r.id]));
  const depth = (u: string) => {
    let d = 0;
    for (let p = parents.get(u); p && d < 20; p = parents.get(p)) d += 1;
    return d;
  };
  for (const unit of [...userUnits].sort((a, b) => depth(b) - depth(a))) {
    for (let u: string | null | undefined = unit, hops = 0; u && hops < 20; u = parents.get(u), hops += 1) {
      const robot = byUnit.get(u);
      if (robot) return robot;
    }
  }
  return undefined;
}

export async function insertDeliveries(db: Queryable, req: NotifyRequest, planned: readonly PlannedDelivery[]): Promise<number> {
  const payload: DeliveryPayload = {
    kind: req.kind,
    title: req.title,
    message: req.message,
    caseId: req.caseId,
    ...(req.taskId ? { taskId: req.taskId } : {}),
    ...(req.caseTitle ? { caseTitle: req.caseTitle } : {}),
  };
  let inserted = 0;
  for (const d of planned) {
    const rows = await db.query(
      `INSERT INTO notification_deliveries(dedupe_key, channel, target, recipients, notification_key, payload, not_before)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [d.dedupeKey, d.channel, d.target, d.recipients, req.key, JSON.stringify(payload), new Date(d.notBefore).toISOString()],
    );
    inserted += rows.length;
  }
  return inserted;
}

export interface ClaimedDelivery {
  id: string;
  dedupeKey: string;
  channel: NotifyChannel;
  target: string;
  recipients: string[];
  payload: DeliveryPayload;
  attempts: number;
}

/** Claims up to `limit` due rows (pending, or claimed by a sender that died) for `leaseMs`. */
export async function claimDeliveries(db: Queryable, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const rows = await db.query<Record<string, unknown>>(
    `UPDATE notification_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = now() + ($2::int * interval '1 millisecond')
     WHERE id IN (
       SELECT id FROM notification_deliveries
       WHERE (status = 'pending' AND not_before <= now()) OR (status = 'sending' AND lease_until < now())
       ORDER BY not_before, id LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING id, dedupe_key, channel, target, recipients, payload, attempts`,
    [limit, leaseMs],
  );
  return rows.map((r) => ({
    id: String(r.id),
    dedupeKey: String(r.dedupe_key),
    channel: r.channel as NotifyChannel,
    target: String(r.target),
    recipients: r.recipients as string[],
    payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as DeliveryPayload,
    attempts: Number(r.attempts),
  }));
}

export async function markSent(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE notification_deliveries SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL WHERE id = $1`, [id]);
}

/** A failed attempt: tried again after `retryInMs`, or given up (status failed) without it. */
export async function markFailed(db: Queryable, id: string, error: string, retryInMs: number | undefined): Promise<void> {
  if (retryInMs === undefined) {
    await db.query(`UPDATE notification_deliveries SET status = 'failed', lease_until = NULL, last_error = $2 WHERE id = $1`, [id, error.slice(0, 1000)]);
  } else {
    await db.query(
      `UPDATE notification_deliveries SET status = 'pending', lease_until = NULL, last_error = $2, not_before = now() + ($3::int * interval '1 millisecond') WHERE id = $1`,
      [id, error.slice(0, 1000), retryInMs],
    );
  }
}
