/**
 * 委托规则 in the app database: a user's out-of-office rules (who acts for them, from when until
 * when, for which procedure) — written by the API, read by the engine's directory when a task opens.
 */
import type { ActiveDelegation } from '../activities/types.js';
import type { Queryable } from './adapter.js';

export interface DelegationRule {
  id: string;
  fromUser: string;
  fromName: string;
  toUser: string;
  toName: string;
  startsAt: string;
  endsAt: string;
  procedure: string | null;
  reason: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

const SELECT = `SELECT r.id, r.from_user, f.name AS from_name, r.to_user, t.name AS to_name, r.starts_at, r.ends_at, r.procedure, r.reason, r.created_at, r.revoked_at
  FROM delegation_rules r JOIN users f ON f.id = r.from_user JOIN users t ON t.id = r.to_user`;

function ruleOf(r: Record<string, unknown>): DelegationRule {
  return {
    id: String(r.id),
    fromUser: String(r.from_user),
    fromName: String(r.from_name),
    toUser: String(r.to_user),
    toName: String(r.to_name),
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    procedure: r.procedure === null ? null : String(r.procedure),
    reason: r.reason === null ? null : String(r.reason),
    createdAt: iso(r.created_at),
    revokedAt: r.revoked_at ? iso(r.revoked_at) : null,
  };
}

/** Rules a user gave (away) or received (standing in), not revoked and not yet over. */
export async function rulesOf(db: Queryable, userId: string, now: Date): Promise<DelegationRule[]> {
  const rows = await db.query<Record<string, unknown>>(
    `${SELECT} WHERE (r.from_user = $1 OR r.to_user = $1) AND r.revoked_at IS NULL AND r.ends_at > $2 ORDER BY r.starts_at, r.id`,
    [userId, now.toISOString()],
  );
  return rows.map(ruleOf);
}

export async function ruleById(db: Queryable, id: string): Promise<DelegationRule | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const rows = await db.query<Record<string, unknown>>(`${SELECT} WHERE r.id = $1`, [id]);
  return rows[0] ? ruleOf(rows[0]) : undefined;
}

/** Rules of `fromUser` that overlap [startsAt, endsAt) for the same procedure scope (one stand-in at a time). */
export async function overlapping(db: Queryable, fromUser: string, startsAt: string, endsAt: string, procedure: string | null): Promise<DelegationRule[]> {
  const rows = await db.query<Record<string, unknown>>(
    `${SELECT} WHERE r.from_user = $1 AND r.revoked_at IS NULL AND r.starts_at < $3 AND r.ends_at > $2
       AND (r.procedure IS NULL OR $4::text IS NULL OR r.procedure = $4::text)`,
    [fromUser, startsAt, endsAt, procedure],
  );
  return rows.map(ruleOf);
}

export async function insertRule(db: Queryable, r: { fromUser: string; toUser: string; startsAt: string; endsAt: string; procedure: string | null; reason: string | null }): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO delegation_rules(from_user, to_user, starts_at, ends_at, procedure, reason) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [r.fromUser, r.toUser, r.startsAt, r.endsAt, r.procedure, r.reason],
  );
  return String(rows[0]!.id);
}

export async function revokeRule(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE delegation_rules SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
}

/** The engine's question (activities/types.ts Directory.activeDelegations): rules in force at `at`. */
export async function activeDelegations(db: Queryable, userIds: string[], procedure: string, at: Date): Promise<ActiveDelegation[]> {
  if (userIds.length === 0) return [];
  const rows = await db.query<Record<string, unknown>>(
    `${SELECT} WHERE r.from_user = ANY($1::text[]) AND r.revoked_at IS NULL AND r.starts_at <= $2 AND r.ends_at > $2
       AND (r.procedure IS NULL OR r.procedure = $3) AND NOT t.disabled ORDER BY r.from_user, r.created_at DESC`,
    [userIds, at.toISOString(), procedure],
  );
  // One stand-in per person: the most recent rule wins.
  const seen = new Set<string>();
  const out: ActiveDelegation[] = [];
  for (const r of rows.map(ruleOf)) {
    if (seen.has(r.fromUser)) continue;
    seen.add(r.fromUser);
    out.push({ ruleId: r.id, from: r.fromUser, fromName: r.fromName, to: r.toUser, toName: r.toName, until: r.endsAt });
  }
  return out;
}
