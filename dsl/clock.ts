/**
 * Clock anchors and statutory bounds of deadlines (pure: the interpreter, the validator, the
 * designer's preview and 流程预测 share it). A deadline counts from its anchor — the task's opening
 * by default, or the case start, another node's opening or completion, a date field of the case
 * data — and its period may be capped across nodes and bounded by the statute.
 */
import type { ClockAnchor, Deadline, Definition, Duration, DurationUnit, PeriodBound } from './schema.js';

/** Instants of the events anchors name, keyed by `eventKey` (kept in the case state). */
export type ClockEvents = Record<string, string>;

export type NodeEvent = 'opened' | 'completed';

export function eventKey(event: NodeEvent, nodeId: string): string {
  return `${event}:${nodeId}`;
}

/** What an anchor needs at run time to give an instant. */
export interface AnchorContext {
  /** When the task opens (now, for a task being opened). */
  taskOpenedAt: string;
  caseStartedAt: string;
  events: ClockEvents;
  data: Record<string, unknown>;
}

export type AnchorInstant = { from: string } | { missing: string };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A date field's value as the instant its period counts from: 00:00 Asia/Shanghai of the date (the
 * day itself is not counted, 民法典 §201); a full timestamp is taken as it is.
 */
export function instantOfDateValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_ONLY.exec(value);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 8 * 3_600_000;
    const back = new Date(ms + 8 * 3_600_000);
    if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return undefined;
    return new Date(ms).toISOString();
  }
  if (DATE_TIME.test(value)) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
  }
  return undefined;
}

/** The instant `anchor` names, or what is missing (a node not yet reached, an empty field). */
export function resolveAnchor(anchor: ClockAnchor | undefined, ctx: AnchorContext, def?: Pick<Definition, 'nodes' | 'fields'>): AnchorInstant {
  const a = anchor ?? { kind: 'taskOpened' as const };
  switch (a.kind) {
    case 'taskOpened':
      return { from: ctx.taskOpenedAt };
    case 'caseStarted':
      return { from: ctx.caseStartedAt };
    case 'nodeOpened':
    case 'nodeCompleted': {
      const at = ctx.events[eventKey(a.kind === 'nodeOpened' ? 'opened' : 'completed', a.nodeId)];
      return at ? { from: at } : { missing: anchorLabel(a, def) };
    }
    case 'field': {
      const from = instantOfDateValue(ctx.data[a.field]);
      return from ? { from } : { missing: anchorLabel(a, def) };
    }
    default: {
      const never: never = a;
      throw new Error(`unknown clock anchor ${JSON.stringify(never)}`);
    }
  }
}

/** zh-CN words for what the period counts from, e.g. 「受理审查」办结. */
export function anchorLabel(anchor: ClockAnchor | undefined, def?: Pick<Definition, 'nodes' | 'fields'>): string {
  const a = anchor ?? { kind: 'taskOpened' as const };
  const nodeName = (id: string) => def?.nodes.find((n) => n.id === id)?.name ?? id;
  switch (a.kind) {
    case 'taskOpened':
      return '本环节开始';
    case 'caseStarted':
      return '案件发起';
    case 'nodeOpened':
      return `「${nodeName(a.nodeId)}」开始`;
    case 'nodeCompleted':
      return `「${nodeName(a.nodeId)}」办结`;
    case 'field':
      return `「${def?.fields.find((f) => f.key === a.field)?.label ?? a.field}」所填日期`;
    default: {
      const never: never = a;
      return String(never);
    }
  }
}

/** Nodes whose opening or completion some deadline of `def` counts from, or whose task it extends. */
export function anchorNodeIds(def: Pick<Definition, 'nodes'>): Set<string> {
  const ids = new Set<string>();
  const add = (a: ClockAnchor | undefined) => {
    if (a && (a.kind === 'nodeOpened' || a.kind === 'nodeCompleted')) ids.add(a.nodeId);
  };
  for (const n of def.nodes) {
    const dl = 'deadline' in n ? (n.deadline as Deadline | undefined) : undefined;
    if (!dl) continue;
    add(dl.anchor);
    add(dl.cap?.anchor);
  }
  return ids;
}

/** Date fields some deadline of `def` counts from (their value may not lie in the future). */
export function anchorFieldKeys(def: Pick<Definition, 'nodes'>): Set<string> {
  const keys = new Set<string>();
  for (const n of def.nodes) {
    const dl = 'deadline' in n ? (n.deadline as Deadline | undefined) : undefined;
    for (const a of [dl?.anchor, dl?.cap?.anchor]) if (a?.kind === 'field') keys.add(a.field);
  }
  return keys;
}

/** Does the deadline count from anything but its own opening, or carry a cap or an extension link? */
export function hasClockRules(dl: Deadline | undefined): boolean {
  if (!dl) return false;
  return (dl.anchor !== undefined && dl.anchor.kind !== 'taskOpened') || dl.cap !== undefined || dl.extensionOf !== undefined;
}

// ───────────────────────── statutory bounds ─────────────────────────

const MIN = 1;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * The shortest and longest time (minutes) a period of `amount` `unit` can span. Day periods end at
 * 24:00 of the last day and the start day is not counted, so N calendar days span N to N+1 days;
 * working days are at least as long as calendar days and have no fixed upper bound (holidays).
 */
function spanMinutes(amount: number, unit: DurationUnit): [number, number] {
  switch (unit) {
    case 'minutes':
      return [amount * MIN, amount * MIN];
    case 'hours':
      return [amount * HOUR, amount * HOUR];
    case 'calendarDays':
      return [amount * DAY, (amount + 1) * DAY];
    case 'workingDays':
      return [amount * DAY, Number.POSITIVE_INFINITY];
    case 'months':
      return [amount * 28 * DAY, (amount * 31 + 1) * DAY];
    case 'years':
      return [amount * 365 * DAY, (amount * 366 + 1) * DAY];
    default: {
      const never: never = unit;
      throw new Error(`unknown unit ${String(never)}`);
    }
  }
}

/** Can a period of `amount` `unit` be longer than `max`? In the same unit, plainly; across units, at worst. */
export function exceedsBound(amount: number, unit: DurationUnit, max: PeriodBound): boolean {
  if (unit === max.unit) return amount > max.amount;
  return spanMinutes(amount, unit)[1] > spanMinutes(max.amount, max.unit)[0];
}

/** Can a period of `amount` `unit` be shorter than `min`? */
export function fallsShortOf(amount: number, unit: DurationUnit, min: PeriodBound): boolean {
  if (unit === min.unit) return amount < min.amount;
  return spanMinutes(amount, unit)[0] < spanMinutes(min.amount, min.unit)[1];
}

export const UNIT_LABEL: Record<DurationUnit, string> = {
  minutes: '分钟',
  hours: '小时',
  calendarDays: '日（自然日）',
  workingDays: '个工作日',
  months: '个月',
  years: '年',
};

export function periodText(p: { amount: number; unit: DurationUnit }): string {
  return `${p.amount}${UNIT_LABEL[p.unit]}`;
}

/** The amount a duration has once its parameter is applied (as the interpreter applies it). */
export function effectiveAmount(d: Duration, params: Record<string, unknown>): number {
  if (!d.param) return d.amount;
  const v = params[d.param];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : d.amount;
}
