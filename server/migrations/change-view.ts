/**
 * The engine's migration change as people read it (the designer's 迁移 page through the API, and
 * `jiceng migrate`): the planner's schedule requests become due dates with the business calendar
 * the worker uses.
 */
import { computeSchedule } from '../../activities/schedule.js';
import { defaultHolidayCalendar } from '../../activities/holiday-file.js';
import { shiftIso } from '../../workflows/engine/clock.js';
import type { MigrationChange, Reschedule } from '../../workflows/engine/migration-plan.js';
import type { MigrationChangeView } from '../../api/index.js';

const calendar = defaultHolidayCalendar();

function dueOf(r: Reschedule | undefined): string | null {
  if (!r) return null;
  return shiftIso(computeSchedule(r.request, calendar).dueAt, r.pausedMs) ?? null;
}

export function changeView(c: MigrationChange): MigrationChangeView {
  switch (c.kind) {
    case 'deadline':
      return { kind: 'deadline', node: c.node, fromDue: c.fromDue ?? null, toDue: dueOf(c.reschedule), anchor: c.anchor, ...(c.anchorMissing ? { anchorMissing: c.anchorMissing } : {}) };
    case 'deadlineKept':
      return { kind: 'deadlineKept', node: c.node, due: c.due ?? null };
    case 'timer':
      return { kind: 'timer', node: c.node, fromDue: c.fromDue, toDue: dueOf(c.reschedule) };
    case 'publicity':
      return { kind: 'publicity', node: c.node, fromDue: c.fromEnd, toDue: dueOf(c.reschedule) };
    case 'moved':
    case 'renamed':
    case 'reopened':
    case 'branchEnded':
    case 'branchNotRun':
    case 'assignees':
      return c;
    default: {
      const never: never = c;
      throw new Error(`unknown migration change ${JSON.stringify(never)}`);
    }
  }
}
