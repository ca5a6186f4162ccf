/**
 * How far a task's due time may still be extended (延期), by the node's statute: a cap on the total
 * (`deadline.maxExtension`) and on the number of extensions (`deadline.maxExtensions`). 信访 办理:
 * "情况复杂的，经批准可以适当延长办理期限，但延长期限不得超过30日" — 30 calendar days, once.
 * Pure: the `extend` update validator and the API both ask it.
 */
import type { Deadline } from '../../dsl/schema.js';
import type { TimelineEntry } from '../types.js';

export type ExtensionUnit = 'minutes' | 'hours' | 'calendarDays' | 'workingDays';
export interface ExtensionAmount {
  amount: number;
  unit: ExtensionUnit;
}

const MINUTES: Partial<Record<ExtensionUnit, number>> = { minutes: 1, hours: 60, calendarDays: 1440 };
const UNIT_NAME: Record<ExtensionUnit, string> = { minutes: '分钟', hours: '小时', calendarDays: '日', workingDays: '个工作日' };
const UNIT_KIND: Record<ExtensionUnit, string> = { minutes: '分钟', hours: '小时', calendarDays: '自然日', workingDays: '工作日' };

const describe = (a: ExtensionAmount) => `${a.amount} ${UNIT_NAME[a.unit]}`;

/** The extensions already granted on a task, from the case timeline. */
export function extensionsOf(timeline: readonly TimelineEntry[], taskId: string): ExtensionAmount[] {
  return timeline
    .filter((e) => e.type === 'task.extended' && e.taskId === taskId)
    .map((e) => ({ amount: Number(e.detail?.amount ?? 0), unit: (e.detail?.unit ?? 'calendarDays') as ExtensionUnit }));
}

/** In the cap's unit, or undefined when the two cannot be compared (working days against clock time). */
function inUnit(a: ExtensionAmount, unit: ExtensionUnit): number | undefined {
  if (a.unit === unit) return a.amount;
  const from = MINUTES[a.unit];
  const to = MINUTES[unit];
  return from !== undefined && to !== undefined ? (a.amount * from) / to : undefined;
}

/** Why this extension may not be granted (zh-CN), or undefined when it may. */
export function extensionProblem(deadline: Deadline | undefined, prior: readonly ExtensionAmount[], request: ExtensionAmount): string | undefined {
  if (!deadline) return undefined;
  const statute = deadline.source ? `（${deadline.source}）` : '';
  const count = deadline.maxExtensions;
  if (count !== undefined && prior.length >= count) {
    return count === 0 ? `本环节的办理时限不能延期${statute}` : `本环节最多延期 ${count} 次，已延期 ${prior.length} 次${statute}`;
  }
  const cap = deadline.maxExtension;
  if (!cap) return undefined;
  const asked = inUnit(request, cap.unit);
  if (asked === undefined) return `本环节的延期以${UNIT_KIND[cap.unit]}计，请按${UNIT_KIND[cap.unit]}填写${statute}`;
  let used = 0;
  for (const p of prior) used += inUnit(p, cap.unit) ?? 0;
  if (used + asked > cap.amount) {
    const left = Math.max(0, cap.amount - used);
    return `本环节延期累计不得超过 ${describe(cap)}${used > 0 ? `，已延期 ${describe({ amount: used, unit: cap.unit })}，最多还可延期 ${describe({ amount: left, unit: cap.unit })}` : ''}${statute}`;
  }
  return undefined;
}
