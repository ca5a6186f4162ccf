/**
 * Statutory cadences as Temporal Schedules, one per village and cadence (组织法 §26: 村民代表会议
 * 每季度; §30: 村务 每季度, 财务 每月): each schedule starts the cadence's case at the beginning of its
 * period (00:10 Asia/Shanghai on the 1st); the case is due by the period's end. Visible and
 * pausable on the monitor; a village whose cadence case is past due has missed its cadence.
 *
 * Self-contained: reads the read model for the cases of the cadence procedures and the schedules
 * themselves; nothing else in the server depends on it.
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type ScheduleDescription, type ScheduleHandle } from '@temporalio/client';
import type { AppContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import type { Definition } from '../../dsl/schema.js';
import type { Actor, CaseInput } from '../../workflows/types.js';
import { operatorAttributes, TASK_QUEUE } from '../../workflows/search-attributes.js';
import { startMemo } from '../../workflows/memo.js';
import * as store from '../definitions/store.js';
import { openCaseDues } from '../projection/case-query.js';
import { withTemporalRetry } from '../../temporal/retry.js';
import { notFound } from '../errors.js';

type MonthName = 'JANUARY' | 'FEBRUARY' | 'MARCH' | 'APRIL' | 'MAY' | 'JUNE' | 'JULY' | 'AUGUST' | 'SEPTEMBER' | 'OCTOBER' | 'NOVEMBER' | 'DECEMBER';
const QUARTER_STARTS: MonthName[] = ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'];
const EVERY_MONTH: MonthName[] = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

export interface CadenceSpec {
  key: string;
  procedure: string;
  /** zh-CN name on the monitor. */
  name: string;
  /** The rule, cited. */
  statute: string;
  /** Case title after the village name. */
  caseTitle: string;
  months: MonthName[];
  params: Record<string, unknown>;
}

export const CADENCES: readonly CadenceSpec[] = [
  {
    key: 'reps-quarterly',
    procedure: 'daibiao-huiyi',
    name: '村民代表会议（每季度）',
    statute: '村民委员会组织法 第26条：村民代表会议每季度召开一次',
    caseTitle: '村民代表会议（季度例会）',
    months: QUARTER_STARTS,
    params: {},
  },
  {
    key: 'openness-quarterly',
    procedure: 'cunwu-gongkai',
    name: '村务公开（每季度）',
    statute: '村民委员会组织法 第30条：一般事项至少每季度公布一次',
    caseTitle: '村务公开（季度）',
    months: QUARTER_STARTS,
    params: { kind: 'general' },
  },
  {
    key: 'finance-monthly',
    procedure: 'cunwu-gongkai',
    name: '财务公开（每月）',
    statute: '村民委员会组织法 第30条：集体财务往来较多的，财务收支情况应当每月公布一次',
    caseTitle: '财务收支公开（月度）',
    months: EVERY_MONTH,
    params: { kind: 'finance' },
  },
];

/** Who starts a scheduled case: the system, on the law's calendar. */
export const CADENCE_ACTOR: Actor = { userId: 'system-cadence', name: '法定频次（系统定期发起）', grants: [] };

export const scheduleIdOf = (cadence: string, village: string) => `cadence-${cadence}-${village}`;

interface ScheduleMemo {
  cadence: string;
  village: string;
  procedure: string;
  definitionVersion: number;
}

function input(ctx: AppContext, spec: CadenceSpec, def: Definition, village: string): CaseInput {
  return {
    definition: def,
    title: `${ctx.org.tree.name(village) ?? village}${spec.caseTitle}`,
    org: ctx.org.tree.context(village),
    initiator: CADENCE_ACTOR,
    data: {},
    params: spec.params,
    subdefinitions: {},
  };
}

function action(ctx: AppContext, spec: CadenceSpec, def: Definition, village: string) {
  const i = input(ctx, spec, def, village);
  return {
    type: 'startWorkflow' as const,
    workflowType: 'caseWorkflow',
    // The schedule appends the scheduled time: one case id per period.
    workflowId: scheduleIdOf(spec.key, village),
    taskQueue: TASK_QUEUE,
    args: [i],
    memo: startMemo(i.title),
    // Operators' attributes only, as every case starts (no title or name in visibility).
    typedSearchAttributes: operatorAttributes(def, { unit: village, ancestors: i.org.ancestors }),
  };
}

const isNotFound = (err: unknown) => err instanceof ScheduleNotFoundError || /not found/i.test(String((err as Error)?.message));

/**
 * One schedule per village and cadence, created when missing and moved to the newest published
 * version of its procedure. Idempotent; a procedure not published yet is skipped.
 */
export async function ensureCadenceSchedules(ctx: AppContext, villages?: readonly string[]): Promise<{ created: string[]; updated: string[] }> {
  const targets = villages ?? ctx.org.tree.all().filter((u) => u.level === 'village').map((u) => u.id);
  const created: string[] = [];
  const updated: string[] = [];
  const client = ctx.temporal.client.schedule;
  for (const spec of CADENCES) {
    const def = await store.getPublished(ctx.db, spec.procedure);
    if (!def) continue;
    for (const village of targets) {
      const scheduleId = scheduleIdOf(spec.key, village);
      const memo: ScheduleMemo = { cadence: spec.key, village, procedure: def.key, definitionVersion: def.version };
      const handle = client.getHandle(scheduleId);
      const current = await withTemporalRetry(() => handle.describe()).catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      });
      if (!current) {
        try {
          await withTemporalRetry(() =>
            client.create({
              scheduleId,
              spec: { calendars: [{ month: spec.months, dayOfMonth: 1, hour: 0, minute: 10, comment: spec.statute }], timezone: 'Asia/Shanghai' },
              action: action(ctx, spec, def, village),
              memo: memo as unknown as Record<string, unknown>,
              state: { note: spec.statute },
            }),
          );
          created.push(scheduleId);
        } catch (err) {
          if (!(err instanceof ScheduleAlreadyRunning)) throw err;
        }
        continue;
      }
      if ((current.memo as Partial<ScheduleMemo> | undefined)?.definitionVersion !== def.version) {
        await withTemporalRetry(() => handle.update((prev) => ({ ...prev, action: action(ctx, spec, def, village) })));
        updated.push(scheduleId);
      }
    }
  }
  return { created, updated };
}

export type CadenceStatus = 'paused' | 'missed' | 'due' | 'done' | 'waiting';

export interface CadenceRow {
  scheduleId: string;
  cadence: string;
  cadenceName: string;
  statute: string;
  village: string;
  villageName: string;
  paused: boolean;
  note: string | null;
  nextRunAt: string | null;
  lastRunAt: string | null;
  status: CadenceStatus;
  /** The overdue case (missed) or the open one (due). */
  caseId: string | null;
  dueAt: string | null;
}

interface ScheduleView {
  paused: boolean;
  note?: string;
  next?: Date;
  recent: { workflowId: string; takenAt: Date }[];
}

/**
 * Pure: a cadence's status from its schedule and its open cases. Missed = an open case of it is
 * past due (whatever else); paused = not tracked; due = a case open within its period; done = the
 * last period's case has ended; waiting = no period has started yet.
 */
export function cadenceStatus(s: ScheduleView, open: readonly { caseId: string; nextDueAt: string | null }[], nowMs: number): { status: CadenceStatus; caseId: string | null; dueAt: string | null } {
  const overdue = open.filter((c) => c.nextDueAt && Date.parse(c.nextDueAt) <= nowMs).sort((a, b) => String(a.nextDueAt).localeCompare(String(b.nextDueAt)));
  if (overdue[0]) return { status: 'missed', caseId: overdue[0].caseId, dueAt: overdue[0].nextDueAt };
  if (s.paused) return { status: 'paused', caseId: null, dueAt: null };
  const current = [...open].sort((a, b) => String(a.nextDueAt).localeCompare(String(b.nextDueAt)))[0];
  if (current) return { status: 'due', caseId: current.caseId, dueAt: current.nextDueAt };
  if (s.recent.length > 0) return { status: 'done', caseId: s.recent.at(-1)!.workflowId, dueAt: null };
  return { status: 'waiting', caseId: null, dueAt: null };
}

function view(d: ScheduleDescription): ScheduleView {
  return {
    paused: d.state.paused,
    note: d.state.note,
    next: d.info.nextActionTimes[0],
    recent: d.info.recentActions.map((a) => ({ workflowId: a.action.workflow.workflowId, takenAt: a.takenAt })),
  };
}

/** The cadences of the villages in the principal's scope (optionally one village). */
export async function listCadences(ctx: AppContext, p: Principal, f: { orgUnit?: string } = {}, nowMs = Date.now()): Promise<CadenceRow[]> {
  const villages = ctx.org.tree
    .all()
    .filter((u) => u.level === 'village' && p.scopeUnits.has(u.id) && (!f.orgUnit || ctx.org.tree.isWithin(u.id, f.orgUnit)))
    .map((u) => u.id);
  if (villages.length === 0) return [];
  const procedures = [...new Set(CADENCES.map((c) => c.procedure))];
  // The read model (a case no longer publishes its due time to visibility).
  const openByProcedure = new Map<string, { caseId: string; nextDueAt: string | null }[]>();
  for (const procedure of procedures) openByProcedure.set(procedure, await openCaseDues(ctx, p, { procedure, orgUnit: f.orgUnit }));
  const rows: CadenceRow[] = [];
  for (const spec of CADENCES) {
    for (const village of villages) {
      const scheduleId = scheduleIdOf(spec.key, village);
      const d = await withTemporalRetry(() => ctx.temporal.client.schedule.getHandle(scheduleId).describe()).catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      });
      if (!d) continue;
      const v = view(d);
      const open = (openByProcedure.get(spec.procedure) ?? []).filter((r) => r.caseId.startsWith(`${scheduleId}-`));
      const st = cadenceStatus(v, open, nowMs);
      rows.push({
        scheduleId,
        cadence: spec.key,
        cadenceName: spec.name,
        statute: spec.statute,
        village,
        villageName: ctx.org.tree.name(village) ?? village,
        paused: v.paused,
        note: v.note ?? null,
        nextRunAt: v.paused ? null : (v.next?.toISOString() ?? null),
        lastRunAt: v.recent.at(-1)?.takenAt.toISOString() ?? null,
        ...st,
      });
    }
  }
  return rows;
}

/** The schedule of a cadence in the principal's scope, else 404 (an id outside one's villages is not told apart from none). */
export function cadenceHandle(ctx: AppContext, p: Principal, scheduleId: string): ScheduleHandle {
  const spec = CADENCES.find((c) => scheduleId.startsWith(`cadence-${c.key}-`));
  const village = spec ? scheduleId.slice(`cadence-${spec.key}-`.length) : undefined;
  if (!spec || !village || !p.scopeUnits.has(village) || ctx.org.tree.get(village)?.level !== 'village') throw notFound('该定期计划');
  return ctx.temporal.client.schedule.getHandle(scheduleId);
}

export async function pauseCadence(ctx: AppContext, p: Principal, scheduleId: string, reason: string): Promise<void> {
  const h = cadenceHandle(ctx, p, scheduleId);
  await withTemporalRetry(() => h.pause(`${p.name}暂停：${reason}`)).catch((err: unknown) => {
    if (isNotFound(err)) throw notFound('该定期计划');
    throw err;
  });
}

export async function resumeCadence(ctx: AppContext, p: Principal, scheduleId: string, reason: string): Promise<void> {
  const h = cadenceHandle(ctx, p, scheduleId);
  await withTemporalRetry(() => h.unpause(`${p.name}恢复：${reason}`)).catch((err: unknown) => {
    if (isNotFound(err)) throw notFound('该定期计划');
    throw err;
  });
}

/** Start this period's case now (a late start, or a village added mid-period). */
export async function triggerCadence(ctx: AppContext, p: Principal, scheduleId: string): Promise<void> {
  const h = cadenceHandle(ctx, p, scheduleId);
  await withTemporalRetry(() => h.trigger()).catch((err: unknown) => {
    if (isNotFound(err)) throw notFound('该定期计划');
    throw err;
  });
}
