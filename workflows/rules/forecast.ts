/**
 * 流程预测 (pure): the path a case would take from a start instant with given data, and for every
 * step its owner role and statutory due date — the interpreter's own routing (engine/routing.ts)
 * and clock rules (activities/due-preview.ts: anchors, caps, parameters) on the business calendar
 * with its holidays and 调休. Human steps are assumed to take their whole period (the latest the
 * statute allows), so the timeline shows how long the case may last; their outcomes are the
 * approving ones unless chosen otherwise. Parallel branches run side by side and meet at their
 * join when the last one arrives. Used by the designer (a draft) and the start-case dialog.
 */
import { eventKey, type ClockEvents } from '../../dsl/clock.js';
import { evaluateExpression, expressionContext } from '../../dsl/expressions.js';
import { isHumanNode, type Definition, type Duration, type DurationUnit, type Node, type Provenance } from '../../dsl/schema.js';
import { DEFAULT_HOLIDAY_CALENDAR, describeDay, shanghaiDate, type HolidayCalendar } from '../../activities/business-calendar.js';
import { previewDueDate } from '../../activities/due-preview.js';
import { computeSchedule } from '../../activities/schedule.js';
import { effectiveAmount } from '../../dsl/clock.js';
import { chooseEdge, joinOf, parallelBranches } from '../engine/routing.js';
import { resolveParams } from '../engine/params.js';

export interface ForecastInput {
  /** When the case starts (ISO instant). */
  startAt: string;
  /** Sample case data (conditions and date anchors read it). */
  data?: Record<string, unknown>;
  /** Parameter overrides (default: the definition's defaults). */
  params?: Record<string, unknown>;
  /** The outcome chosen per node (a task's action, a vote's passed/rejected/no_quorum, a 公示's clear/objections). */
  outcomes?: Record<string, string>;
  calendar?: HolidayCalendar;
}

export interface ForecastDue {
  /** The period as written (amount with parameters applied, unit) and where it comes from. */
  amount: number;
  unit: DurationUnit;
  provenance?: Provenance;
  source?: string;
  /** The instant the period counts from and what that is in words (案件发起, 「受理审查」办结 …). */
  from: string;
  anchor: string;
  /** True when the period does not count from the step's own opening (a clock anchor). */
  anchored: boolean;
  dueAt: string;
  /** The last day of the period (Asia/Shanghai). */
  lastDay: string;
  capAt?: string;
  capped: boolean;
  /** Statutory holidays the period runs over (国庆节 …): the reason a date lands later than counting suggests. */
  holidays: string[];
  warnings: string[];
}

export interface ForecastStep {
  nodeId: string;
  name: string;
  kind: Node['kind'];
  stage?: string;
  /** The role the step's task goes to (its key), if the assignment names one. */
  role?: string;
  openedAt: string;
  /** When the forecast has it finish: its due time for a human step, the timer's end, else when it opened. */
  endsAt: string;
  due?: ForecastDue;
  /** Outcome taken and the outcomes the node has (to choose another). */
  outcome?: string;
  outcomes: string[];
  /** Branch of a parallel split it runs in (0 outside any). */
  branch: number;
  /** Nothing to forecast inside: a subprocess runs its own procedure. */
  opaque?: boolean;
}

export interface Forecast {
  steps: ForecastStep[];
  /** Where and when the case ends, with its outcome; undefined when the path stops short. */
  end?: { nodeId: string; name: string; outcome: string; at: string };
  /** Why the path stops short, or what the forecast could not know (zh-CN). */
  warnings: string[];
}

const MAX_STEPS = 300;
const MAX_VISITS = 3;

/** The outcomes a node can end with, the approving one first. */
export function nodeOutcomes(node: Node): string[] {
  switch (node.kind) {
    case 'task': {
      const approving = node.actions.filter((a) => a.approve !== false).map((a) => a.name);
      return [...approving, ...node.actions.map((a) => a.name).filter((n) => !approving.includes(n))];
    }
    case 'vote':
      return ['passed', 'rejected', 'no_quorum'];
    case 'publicity':
      return ['clear', 'objections'];
    default:
      return [];
  }
}

/** Statutory holidays (by name) between two Shanghai days, inclusive. */
function holidaysBetween(fromDay: string, toDay: string, cal: HolidayCalendar): string[] {
  const names: string[] = [];
  const d = new Date(`${fromDay}T12:00:00+08:00`);
  for (let i = 0; i < 800; i++) {
    const day = shanghaiDate(d);
    if (day > toDay) break;
    const info = describeDay(day, cal);
    if (info.kind === 'holiday' && info.name && !names.includes(info.name)) names.push(info.name);
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return names;
}

export function forecastCase(def: Definition, input: ForecastInput): Forecast {
  const cal = input.calendar ?? DEFAULT_HOLIDAY_CALENDAR;
  const params = resolveParams(def, input.params);
  const data: Record<string, unknown> = { ...(input.data ?? {}) };
  const fieldKeys = def.fields.map((f) => f.key);
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const events: ClockEvents = {};
  const steps: ForecastStep[] = [];
  const warnings: string[] = [];
  const visits = new Map<string, number>();
  let end: Forecast['end'];
  let branchSeq = 0;
  const ctx = (outcome?: string) => expressionContext(fieldKeys, data, { params, outcome: outcome ?? null, initiator: null });
  const warn = (w: string) => {
    if (!warnings.includes(w)) warnings.push(w);
  };

  /** The due date of a human node opening at `t`, or of a 公示 period. */
  const dueOf = (node: Node, t: string): ForecastDue | undefined => {
    if (node.kind === 'publicity') {
      const d: Duration = { ...node.period, amount: effectiveAmount(node.period, params) };
      const s = computeSchedule({ from: t, duration: d }, cal);
      const lastDay = shanghaiDate(new Date(Date.parse(s.dueAt) - 1));
      return { amount: d.amount, unit: d.unit, from: t, anchor: '公示开始', anchored: false, dueAt: s.dueAt, lastDay, capped: false, holidays: holidaysBetween(shanghaiDate(t), lastDay, cal), warnings: s.warnings };
    }
    if (!isHumanNode(node) || !node.deadline) return undefined;
    const p = previewDueDate(def, node.id, { caseStartedAt: input.startAt, openedAt: t, data, events, params, calendar: cal });
    const dl = node.deadline;
    return {
      amount: effectiveAmount(dl.duration, params),
      unit: dl.duration.unit,
      ...(dl.provenance ? { provenance: dl.provenance } : {}),
      ...(dl.source ? { source: dl.source } : {}),
      from: p.from,
      anchor: p.anchor,
      anchored: dl.anchor !== undefined && dl.anchor.kind !== 'taskOpened',
      dueAt: p.dueAt,
      lastDay: p.lastDay,
      ...(p.capAt ? { capAt: p.capAt } : {}),
      capped: p.capped,
      holidays: holidaysBetween(shanghaiDate(p.from), p.lastDay, cal),
      warnings: p.warnings,
    };
  };

  /**
   * Walks from `nodeId` at `t` until an end, a dead end, or `stopAt` (the join of the split this
   * branch belongs to). Returns when the walk got there.
   */
  const walk = (startId: string, t: string, branch: number, stopAt?: string): { t: string; atJoin: boolean } => {
    let id: string | undefined = startId;
    while (id !== undefined) {
      if (id === stopAt) return { t, atJoin: true };
      const node = byId.get(id);
      if (!node) {
        warn(`连线指向不存在的环节 ${id}`);
        return { t, atJoin: false };
      }
      const seen = (visits.get(id) ?? 0) + 1;
      visits.set(id, seen);
      if (steps.length >= MAX_STEPS || seen > MAX_VISITS) {
        warn(`「${node.name}」处循环过多，预测到此为止`);
        return { t, atJoin: false };
      }
      events[eventKey('opened', id)] = t;
      let endsAt = t;
      let outcome: string | undefined;
      const step: ForecastStep = { nodeId: id, name: node.name, kind: node.kind, ...(node.stage ? { stage: node.stage } : {}), openedAt: t, endsAt: t, outcomes: nodeOutcomes(node), branch };
      switch (node.kind) {
        case 'start':
          break;
        case 'end':
          steps.push(step);
          if (!end || Date.parse(t) >= Date.parse(end.at)) end = { nodeId: id, name: node.name, outcome: node.outcome, at: t };
          return { t, atJoin: false };
        case 'task':
        case 'vote':
        case 'publicity': {
          if (node.assignment.type === 'role') step.role = node.assignment.role;
          const due = dueOf(node, t);
          if (due) {
            step.due = due;
            endsAt = due.dueAt;
          } else warn(`「${node.name}」没有办理时限，按开始当时办结计算`);
          const chosen = input.outcomes?.[id];
          outcome = chosen && step.outcomes.includes(chosen) ? chosen : step.outcomes[0];
          break;
        }
        case 'timer': {
          const d: Duration = { ...node.duration, amount: effectiveAmount(node.duration, params) };
          endsAt = computeSchedule({ from: t, duration: d }, cal).dueAt;
          break;
        }
        case 'service':
          if (node.action === 'setData') {
            for (const [field, expr] of Object.entries(node.params.set)) {
              try {
                data[field] = evaluateExpression(expr, ctx());
              } catch {
                warn(`「${node.name}」字段 ${field} 无法用样例数据计算`);
              }
            }
          }
          break;
        case 'subprocess':
          step.opaque = true;
          warn(`「${node.name}」是子流程，其办理时间未计入预测`);
          break;
        case 'gateway':
          if (node.gateway === 'parallelSplit') {
            steps.push(step);
            events[eventKey('completed', id)] = t;
            const join = joinOf(def, id);
            const branches = parallelBranches(def, id, ctx()).edges;
            let latest = t;
            let joined = false;
            for (const e of branches) {
              const r = walk(e.to, t, ++branchSeq, join);
              if (r.atJoin) joined = true;
              if (r.atJoin && Date.parse(r.t) > Date.parse(latest)) latest = r.t;
            }
            if (!join || !joined) return { t: latest, atJoin: false };
            // The join opens when the last branch arrives.
            t = latest;
            id = join;
            const joinNode = byId.get(join)!;
            events[eventKey('opened', join)] = t;
            steps.push({ nodeId: join, name: joinNode.name, kind: joinNode.kind, openedAt: t, endsAt: t, outcomes: [], branch });
            events[eventKey('completed', join)] = t;
            const next = chooseEdge(def, join, undefined, ctx()).edge;
            if (!next) {
              warn(`「${joinNode.name}」没有可走的出口连线`);
              return { t, atJoin: false };
            }
            id = next.to;
            continue;
          }
          break;
        default: {
          const never: never = node;
          return never;
        }
      }
      step.endsAt = endsAt;
      if (outcome !== undefined) step.outcome = outcome;
      steps.push(step);
      events[eventKey('completed', id)] = endsAt;
      t = endsAt;
      const route = chooseEdge(def, id, outcome, ctx(outcome));
      if (!route.edge) {
        warn(`「${node.name}」${outcome ? `结果为「${outcome}」时` : ''}没有可走的出口连线，案件会在此停止`);
        return { t, atJoin: false };
      }
      id = route.edge.to;
    }
    return { t, atJoin: false };
  };

  const start = def.nodes.find((n) => n.kind === 'start');
  if (!start) return { steps, warnings: ['流程没有开始节点'] };
  walk(start.id, input.startAt, 0);
  return { steps, ...(end ? { end } : {}), warnings };
}
