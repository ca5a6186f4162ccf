/**
 * Shared helpers of the procedure scenario tests: the demo directory (procedures/demo) as the
 * org directory, the built-in definitions, and small drivers around the engine's updates.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createMemoryDirectory, createMemoryNotifier, type MemoryNotifier } from '../../activities/index.js';
import type { ActivityDeps } from '../../activities/index.js';
import { isWorkingDay } from '../../activities/business-calendar.js';
import { loadBuiltinProcedure, type BuiltinKey } from '../../procedures/index.js';
import { demoActor, demoDirectoryMap, demoOrgContext, loadDemoDirectory } from '../../procedures/demo/directory.js';
import type { TallyGroup } from '../../workflows/messages.js';
import * as m from '../../workflows/messages.js';
import type { CaseInput, CaseResult, CaseState, TaskRecord } from '../../workflows/types.js';
import { createTestWorker, uniqueTaskQueue } from '../../testkit/temporal.js';

export const DIR = loadDemoDirectory();
export const actor = (userId: string) => demoActor(DIR, userId);
export const org = (unit: string) => demoOrgContext(DIR, unit);

// The case operations every workflow test shares (one harness: testkit/case-harness.ts); this file adds the demo directory and the built-in procedures.
export { expectRejected, state, waitFor, type CaseHandle } from '../../testkit/case-harness.js';
import { state, waitFor, type CaseHandle } from '../../testkit/case-harness.js';

export interface Harness {
  env: TestWorkflowEnvironment;
  worker: Worker;
  taskQueue: string;
  notifier: MemoryNotifier;
  stop(): Promise<void>;
}

/** A worker on the demo directory (plus extra activity deps, e.g. callouts). */
export async function startHarness(env: TestWorkflowEnvironment, prefix: string, extra: Partial<ActivityDeps> = {}): Promise<Harness> {
  const taskQueue = uniqueTaskQueue(prefix);
  const notifier = createMemoryNotifier();
  const worker = await createTestWorker(env, {
    taskQueue,
    deps: { directory: createMemoryDirectory(demoDirectoryMap(DIR), DIR.users.map((u) => u.id)), notifier, ...extra },
  });
  const running = worker.run();
  return {
    env,
    worker,
    taskQueue,
    notifier,
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

let seq = 0;
export async function startCase(
  h: Harness,
  key: BuiltinKey,
  opts: { unit: string; initiator: string; data?: Record<string, unknown>; params?: Record<string, unknown>; title?: string; searchAttributes?: boolean },
): Promise<CaseHandle> {
  seq += 1;
  const definition = loadBuiltinProcedure(key);
  return h.env.client.workflow.start<(input: CaseInput) => Promise<CaseResult>>('caseWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: `${key}-${process.pid}-${seq}-${Date.now().toString(36)}`,
    args: [
      {
        definition,
        title: opts.title ?? `${definition.title} ${seq}`,
        org: org(opts.unit),
        initiator: actor(opts.initiator),
        data: opts.data ?? {},
        params: opts.params ?? {},
        ...(opts.searchAttributes === false ? { searchAttributes: false } : {}),
      },
    ],
  });
}

export const isOpen = (t: TaskRecord) => t.status === 'open' || t.status === 'claimed';

export async function taskAt(h: CaseHandle, nodeId: string): Promise<TaskRecord> {
  const s = await waitFor(h, (x) => x.tasks.some((t) => t.nodeId === nodeId && isOpen(t)), `open task at ${nodeId}`);
  return s.tasks.find((t) => t.nodeId === nodeId && isOpen(t))!;
}

export async function complete(h: CaseHandle, nodeId: string, as: string, action?: string, data: Record<string, unknown> = {}, comment?: string): Promise<CaseState> {
  const t = await taskAt(h, nodeId);
  const r = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor(as), taskId: t.id, action, data, comment }] });
  return r.state;
}

/** Teller enters the counts, a different user confirms (当场计票). */
export async function tally(
  h: CaseHandle,
  nodeId: string,
  teller: string,
  scrutineer: string,
  groups: (Partial<Pick<TallyGroup, 'group'>> & Omit<TallyGroup, 'group'>)[],
): Promise<CaseState> {
  const t = await taskAt(h, nodeId);
  await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor(teller), taskId: t.id, groups: groups.map((g) => ({ group: 'default', ...g })) }] });
  const r = await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor(scrutineer), taskId: t.id, confirm: true }] });
  return r.state;
}

export async function waitForNode(h: CaseHandle, nodeId: string): Promise<CaseState> {
  return waitFor(h, (s) => s.currentNodes.some((n) => n.nodeId === nodeId), `token at ${nodeId}`);
}

export async function waitForEnd(h: CaseHandle): Promise<CaseState> {
  return waitFor(h, (s) => s.status !== 'running' && s.status !== 'suspended', 'case end');
}

/** The update is rejected with this engine error code and a zh-CN message. */
/** Skip time-skipping server time to `iso` plus a margin. */
export async function skipTo(env: TestWorkflowEnvironment, iso: string | undefined, marginMs = 5 * 60_000): Promise<void> {
  if (!iso) throw new Error('no instant to skip to');
  const ms = Date.parse(iso) - (await env.currentTimeMs()) + marginMs;
  if (ms > 0) await env.sleep(ms);
}

/** Asia/Shanghai calendar date (YYYY-MM-DD) of an ISO instant. */
export function shanghaiDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Asia/Shanghai wall-clock date of an instant, plus `days`. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Last day of an N-calendar-day period started on `startDate` (民法典 §201–203): the start day is
 * not counted; a last day on a rest day (weekend or statutory holiday) moves to the next working day.
 */
export function civilLastDay(startDate: string, n: number): string {
  let d = addDays(startDate, n);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}
