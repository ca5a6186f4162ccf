/**
 * Executes demo cases against a running engine: start, then each step as its directory user.
 * Used by the API's first-start seeding and by tests/procedures/demo-cases.test.ts.
 */
import type { WorkflowClient, WorkflowHandle } from '@temporalio/client';
import type { Definition } from '../../dsl/schema.js';
import * as m from '../../workflows/messages.js';
import type { CaseInput, CaseState } from '../../workflows/types.js';
import { demoActor, demoOrgContext, type DemoDirectory } from './directory.js';
import type { DemoCase, DemoStep } from './types.js';

type Handle = WorkflowHandle;

export interface RunDemoOptions {
  client: WorkflowClient;
  taskQueue: string;
  directory: DemoDirectory;
  /** The published definition of a procedure key. */
  definitionOf: (key: string) => Definition | Promise<Definition>;
  /** Workflow id of the case (default `demo-<case id>`). */
  workflowId?: (c: DemoCase) => string;
  /** Extra start input (e.g. search attributes the server sets). */
  extraInput?: (c: DemoCase) => Partial<CaseInput>;
  /** How long to wait for a step's task to appear (ms, default 20 s). */
  stepTimeoutMs?: number;
}

export interface DemoRunResult {
  caseId: string;
  workflowId: string;
  stepsDone: number;
  /** zh-CN reason the run stopped early, if it did. */
  error?: string;
  state?: CaseState;
}

async function waitForStep(h: Handle, step: DemoStep, timeoutMs: number): Promise<{ state: CaseState; taskId?: string }> {
  const until = Date.now() + timeoutMs;
  let last: CaseState | undefined;
  while (Date.now() < until) {
    last = await h.query(m.stateQuery);
    if (step.op === 'objection') {
      if (last.publicity.some((p) => p.nodeId === step.node && !(p as { outcome?: string }).outcome)) return { state: last };
    } else {
      const t = last.tasks.find((x) => x.nodeId === step.node && (x.status === 'open' || x.status === 'claimed'));
      if (t) return { state: last, taskId: t.id };
    }
    if (last.status !== 'running' && last.status !== 'suspended') break;
    await new Promise((r) => setTimeout(r, 150));
  }
  const where = last ? `当前环节：${last.currentNodes.map((n) => n.name).join('、') || '无'}（状态 ${last.status}）` : '';
  throw new Error(`等待环节 ${step.node} 超时。${where}`);
}

async function runStep(h: Handle, dir: DemoDirectory, step: DemoStep, timeoutMs: number): Promise<void> {
  const actor = demoActor(dir, step.as);
  const { taskId } = await waitForStep(h, step, timeoutMs);
  switch (step.op) {
    case undefined:
    case 'complete':
      await h.executeUpdate(m.completeUpdate, { args: [{ actor, taskId: taskId!, action: step.action, data: step.data ?? {}, comment: step.comment }] });
      return;
    case 'submitTally':
      await h.executeUpdate(m.submitTallyUpdate, {
        args: [{ actor, taskId: taskId!, groups: step.groups.map((g) => ({ group: 'default', ...g })), comment: step.comment }],
      });
      return;
    case 'confirmTally':
      await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor, taskId: taskId!, confirm: step.confirm ?? true, comment: step.comment }] });
      return;
    case 'objection':
      await h.executeUpdate(m.objectionUpdate, { args: [{ actor, nodeId: step.node, content: step.content }] });
      return;
    default: {
      const never: never = step;
      throw new Error(`unknown demo step ${JSON.stringify(never)}`);
    }
  }
}

/** Start one demo case and drive it through its steps; never throws (errors are returned). */
export async function runDemoCase(c: DemoCase, opts: RunDemoOptions): Promise<DemoRunResult> {
  const workflowId = opts.workflowId?.(c) ?? `demo-${c.id}`;
  const timeoutMs = opts.stepTimeoutMs ?? 20_000;
  let stepsDone = 0;
  let h: Handle | undefined;
  try {
    const definition = await opts.definitionOf(c.procedure);
    const input: CaseInput = {
      definition,
      title: c.title,
      org: demoOrgContext(opts.directory, c.orgUnit),
      initiator: demoActor(opts.directory, c.initiator),
      data: c.data ?? {},
      params: c.params ?? {},
      ...(opts.extraInput?.(c) ?? {}),
    };
    h = await opts.client.start('caseWorkflow', { taskQueue: opts.taskQueue, workflowId, args: [input] });
    for (const step of c.steps) {
      await runStep(h, opts.directory, step, timeoutMs);
      stepsDone += 1;
    }
    // A case whose claim is about the task it stops at is done once that task is open.
    const state = c.deadline
      ? (await waitForStep(h, { as: c.initiator, node: c.deadline.node }, timeoutMs)).state
      : await h.query(m.stateQuery);
    return { caseId: workflowId, workflowId, stepsDone, state };
  } catch (err) {
    const detail = err instanceof Error ? (err.cause instanceof Error ? `${err.message}：${err.cause.message}` : err.message) : String(err);
    const state = h ? await h.query(m.stateQuery).catch(() => undefined) : undefined;
    return { caseId: workflowId, workflowId, stepsDone, error: `演示案件「${c.title}」第 ${stepsDone + 1} 步失败：${detail}`, state };
  }
}
