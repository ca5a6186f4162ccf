/**
 * Demo cases: a case start plus the steps that drive it forward through the engine's updates.
 *
 * How to execute one (procedures/demo/run-demo.ts does exactly this):
 *  1. start `caseWorkflow` with the published definition of `procedure`, `title`, the org context
 *     of `orgUnit`, the directory user `initiator` as actor, `data` and `params`;
 *  2. for each step in order: poll the `state` query until there is an open (or claimed) task at
 *     `step.node` — or, for `objection`, an open publicity period at `step.node` — then send the
 *     update named by `step.op` as the directory user `step.as` (actor = {userId, name, grants}).
 *     `complete` needs no prior claim (the engine claims for the completer).
 *  3. stop at the first step that fails and report it; later steps depend on earlier ones.
 */
import type { TallyGroup } from '../../workflows/messages.js';

/** Tally counts as entered by the teller (`group` defaults to 'default'). */
export type DemoTallyGroup = Partial<Pick<TallyGroup, 'group'>> & Omit<TallyGroup, 'group'>;

export type DemoStep =
  | {
      op?: 'complete';
      /** Directory user id acting. */
      as: string;
      /** Node id of the open task. */
      node: string;
      /** Task action (button); the node's first action when omitted. */
      action?: string;
      data?: Record<string, unknown>;
      comment?: string;
    }
  | { op: 'submitTally'; as: string; node: string; groups: DemoTallyGroup[]; comment?: string }
  | { op: 'confirmTally'; as: string; node: string; confirm?: boolean; comment?: string }
  | { op: 'objection'; as: string; node: string; content: string };

/**
 * What the demo says about a case's deadline, true on any day (a Saturday, 春节, a 调休 workday):
 * `nearDue` — the task is due within a day of opening; `overdue` — within a few minutes, so it
 * is overdue (red) right after start. Periods in hours or minutes keep these true: a period in
 * days ends at 24:00 of a working day (民法典 §203), days away on a weekend or a holiday.
 */
export type DemoDeadlineClaim = 'nearDue' | 'overdue';

export interface DemoCase {
  /** Stable id, usable as part of the workflow id. */
  id: string;
  /** Built-in procedure key. */
  procedure: string;
  title: string;
  /** Org unit id of procedures/demo/directory.json. */
  orgUnit: string;
  /** Directory user id starting the case. */
  initiator: string;
  data?: Record<string, unknown>;
  /** Parameter overrides (e.g. a short period so the case is near its deadline). */
  params?: Record<string, unknown>;
  steps: DemoStep[];
  /** A deadline claim about the open task at `node` (procedures/demo/deadlines.ts checks it). */
  deadline?: { node: string; claim: DemoDeadlineClaim };
  /** What a user sees after the steps ran (for the README and the start-up log). */
  expect: string;
}
