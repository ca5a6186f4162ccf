/**
 * previewDueDate: when a node's deadline would fall, for a case started at a given instant with
 * given data — the designer's preview and the later 流程预测 use it. Pure (the business calendar
 * and computeSchedule, no I/O): the same rules as the interpreter (clock anchor, cap, parameters),
 * with the events that have not happened yet assumed to happen at `openedAt` and said so.
 */
import { anchorLabel, effectiveAmount, resolveAnchor, type ClockEvents } from '../dsl/clock.js';
import { isHumanNode, type ClockAnchor, type Definition, type Duration } from '../dsl/schema.js';
import { DEFAULT_HOLIDAY_CALENDAR, shanghaiDate, type HolidayCalendar } from './business-calendar.js';
import { computeSchedule } from './schedule.js';

export interface DuePreviewInput {
  /** When the case starts (ISO instant). */
  caseStartedAt: string;
  /** When the node's task opens; default the case start. */
  openedAt?: string;
  /** Case data (date fields an anchor reads). */
  data?: Record<string, unknown>;
  /** Node events that already happened (a running case's `clockEvents`). */
  events?: ClockEvents;
  /** Parameter values; default the definition's defaults. */
  params?: Record<string, unknown>;
  calendar?: HolidayCalendar;
}

export interface DuePreview {
  /** The instant the period counts from, and what that is in words. */
  from: string;
  anchor: string;
  /** The due instant (24:00 Asia/Shanghai of `lastDay` for day units) and that day. */
  dueAt: string;
  lastDay: string;
  /** The overall cap's end, and whether it cut the period short. */
  capAt?: string;
  capped: boolean;
  /** Events that have not happened, assumed at the node's opening: what (zh-CN, e.g. 「受理审查」办结) and when. */
  assumptions: { event: string; at: string }[];
  /** Calendar warnings, e.g. a year whose 调休 is unpublished. */
  warnings: string[];
}

export class DuePreviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DuePreviewError';
  }
}

const withParams = (d: Duration, params: Record<string, unknown>): Duration => ({ ...d, amount: effectiveAmount(d, params) });

/** The due date of node `nodeId`'s deadline for the case described by `input`. */
export function previewDueDate(def: Definition, nodeId: string, input: DuePreviewInput): DuePreview {
  const node = def.nodes.find((n) => n.id === nodeId);
  if (!node) throw new DuePreviewError(`环节「${nodeId}」不存在`);
  if (!isHumanNode(node) || !node.deadline) throw new DuePreviewError(`「${node.name}」没有办理时限`);
  const dl = node.deadline;
  const openedAt = input.openedAt ?? input.caseStartedAt;
  const params = { ...Object.fromEntries(def.params.map((p) => [p.key, p.default])), ...(input.params ?? {}) };
  const ctx = { taskOpenedAt: openedAt, caseStartedAt: input.caseStartedAt, events: input.events ?? {}, data: input.data ?? {} };
  const assumptions: DuePreview['assumptions'] = [];
  const at = (anchor: ClockAnchor | undefined): string => {
    const r = resolveAnchor(anchor, ctx, def);
    if ('from' in r) return r.from;
    if (!assumptions.some((a) => a.event === r.missing)) assumptions.push({ event: r.missing, at: openedAt });
    return openedAt;
  };
  const from = at(dl.anchor);
  const cap = dl.cap ? { from: at(dl.cap.anchor), duration: withParams(dl.cap.duration, params) } : undefined;
  const s = computeSchedule(
    { from, duration: withParams(dl.duration, params), warnAtFraction: dl.warnAtFraction, ...(cap ? { cap } : {}) },
    input.calendar ?? DEFAULT_HOLIDAY_CALENDAR,
  );
  return {
    from,
    anchor: anchorLabel(dl.anchor, def),
    dueAt: s.dueAt,
    lastDay: shanghaiDate(new Date(Date.parse(s.dueAt) - 1)),
    ...(s.capAt ? { capAt: s.capAt } : {}),
    capped: s.capped === true,
    assumptions,
    warnings: s.warnings,
  };
}
