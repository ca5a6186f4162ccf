/** Starting a case, reading its state, and running engine updates on it. */
import type { UpdateDefinition } from '@temporalio/common';
import type { AppContext } from '../context.js';
import type { Definition } from '../../dsl/schema.js';
import type { CaseInput, CaseState } from '../../workflows/types.js';
import { CASE_WORKFLOW, caseStartOptions, newCaseId } from '../../temporal/case-start.js';
import { SA } from '../../workflows/search-attributes.js';
import type { StartCaseRequest } from '../../api/index.js';
import { stateQuery, type UpdateResult } from '../../workflows/messages.js';
import * as store from '../definitions/store.js';
import { caseEnded, caseUnavailable, conflict, forbidden, notFound, validation } from '../errors.js';
import { mayStart } from './starters.js';
import { recordSubject } from './case-parties.js';
import { ENGINE_ERRORS } from '../../workflows/errors.js';
import { actorOf, seesSensitive, type Principal } from '../auth/principal.js';
import { withTemporalRetry } from '../../temporal/retry.js';
import { causeChain } from '../../temporal/cause-chain.js';
import { redactState, storedTitle } from './masking.js';
import { checkCaseParams } from '../../dsl/case-params.js';
import { waitForProjection } from '../projection/wait.js';
import { deriveTitle, startStep, startStepIsStarters } from '../../dsl/start-step.js';
import { formIssues, issueLine } from '../../dsl/form-check.js';

export type { StartCaseRequest };

/** Subprocess definitions, resolved recursively, keyed by definition key. */
export async function subdefinitions(ctx: AppContext, def: Definition, acc: Record<string, Definition> = {}): Promise<Record<string, Definition>> {
  for (const n of def.nodes) {
    if (n.kind !== 'subprocess' || acc[n.definitionKey]) continue;
    const child = await store.getPublished(ctx.db, n.definitionKey, n.definitionVersion);
    if (!child) throw validation([{ path: ['procedure'], message: `子流程 ${n.definitionKey} 尚未发布` }]);
    acc[n.definitionKey] = child;
    await subdefinitions(ctx, child, acc);
  }
  return acc;
}

export async function startCase(ctx: AppContext, p: Principal, req: StartCaseRequest): Promise<string> {
  const def = await store.getPublished(ctx.db, req.procedure, req.version);
  if (!def) throw notFound(req.version ? `流程 ${req.procedure} 的第 ${req.version} 版` : `已发布的流程 ${req.procedure}`);
  if (!mayStart(def, p, req.orgUnit, ctx.org.tree)) {
    const roles = def.starterRoles?.map((r) => def.roles.find((x) => x.key === r)?.name ?? r).join('、');
    throw forbidden(roles ? `「${def.title}」只能由${roles}在本单位发起` : `您不能在该单位发起「${def.title}」`);
  }
  // A case may tune [SEED]/[DEFAULT] parameters, never below a statute (same checks as the definition's own).
  const paramIssues = checkCaseParams(def, req.params);
  if (paramIssues.length > 0) {
    throw validation(paramIssues.map((i) => ({ path: i.path, message: i.message })), '本案参数不合法');
  }
  // The start form is the first step's form: every problem at its field, required fields included
  // when the start completes the starter's own first step.
  const step = startStep(def);
  const submit = req.submitStartStep && !!step && startStepIsStarters(def);
  if (step && req.data && Object.keys(req.data).length > 0) {
    const issues = formIssues(def.fields, step.form, req.data, submit ? { keys: step.requiredFields, caseData: {} } : undefined);
    if (issues.length > 0) throw validation(issues.map((i) => ({ path: ['data', ...i.path], message: i.message })), `表单填写有误：${issueLine(def.fields, issues[0]!)}`);
  } else if (submit && step && step.requiredFields.length > 0) {
    const issues = formIssues(def.fields, step.form, {}, { keys: step.requiredFields, caseData: {} });
    throw validation(issues.map((i) => ({ path: ['data', ...i.path], message: i.message })), '请填写表单');
  }
  const givenTitle = req.title ?? deriveTitle(def, req.data ?? {});
  if (!givenTitle) throw validation([{ path: ['title'], message: '请填写标题' }]);
  const org = ctx.org.tree.context(req.orgUnit);
  const title = storedTitle(def, givenTitle, req.data);
  const input: CaseInput = {
    definition: def,
    title,
    org,
    initiator: actorOf(p),
    data: req.data ?? {},
    params: req.params,
    subdefinitions: await subdefinitions(ctx, def),
    ...(submit && step ? { startStep: { nodeId: step.id } } : {}),
  };
  const caseId = newCaseId(def.key);
  await withTemporalRetry(() => ctx.temporal.client.workflow.start(CASE_WORKFLOW, caseStartOptions(input, { caseId })));
  await recordSubject(ctx, def, caseId, req.data);
  // Read-your-writes: the new case is in the starter's 我发起的 when the answer arrives (its first
  // write, where it first comes to rest). A case held up in a slow automated step is written when the
  // worker reports the step slow (5 s): the answer does not wait that long.
  await waitForProjection(ctx, caseId, 1, 3_000);
  await firstRest(ctx, caseId);
  return caseId;
}

/**
 * The case page opens live: wait (a few seconds at most) until the new case rests at its first
 * task, so the page shows where it stands instead of an empty 在办事项.
 */
async function firstRest(ctx: AppContext, caseId: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const handle = ctx.temporal.client.workflow.getHandle(caseId);
  while (Date.now() < until) {
    const s = await handle.query(stateQuery).catch(() => undefined);
    if (s && (s.status !== 'running' || s.tasks.some((t) => t.status === 'open' || t.status === 'claimed') || s.publicity.some((p) => !p.outcome))) return;
    await new Promise((r) => setTimeout(r, 150));
  }
}

const isNotFound = (err: unknown) => (err as Error)?.name === 'WorkflowNotFoundError' || /not found/i.test(String((err as Error)?.message));

/**
 * The case's state from its workflow. A workflow that cannot answer in time (no worker polling, a
 * workflow task failing, an overloaded server) is 503 CASE_UNAVAILABLE, never a 500 or a hung request.
 */
export async function rawState(ctx: AppContext, caseId: string): Promise<CaseState> {
  const handle = ctx.temporal.client.workflow.getHandle(caseId);
  try {
    return await withTemporalRetry(() => ctx.temporal.connection.withDeadline(Date.now() + ctx.queryTimeoutMs, () => handle.query(stateQuery)));
  } catch (err) {
    if (isNotFound(err)) throw notFound('该案件');
    ctx.log.warn({ err, caseId }, 'case state query failed');
    throw caseUnavailable();
  }
}

const taskNotOpen = () => conflict('TASK_NOT_OPEN', `${ENGINE_ERRORS.TASK_NOT_OPEN.zh}（案件已结束）`);

/**
 * Why an update could not reach a case that has ended: the task was done (409 TASK_NOT_OPEN), the
 * case had ended (409 CASE_ENDED), or the task never existed on it (404). Asks 已办 first (no
 * replay needed), then the case's final state, then its visibility status.
 */
async function closedCaseError(ctx: AppContext, caseId: string, taskId: string | undefined): Promise<Error> {
  if (taskId) {
    const done = await ctx.db.query('SELECT 1 FROM task_history WHERE case_id = $1 AND task_id = $2 LIMIT 1', [caseId, taskId]).catch(() => []);
    if (done.length > 0) return taskNotOpen();
  }
  const state = await rawState(ctx, caseId).catch(() => undefined);
  if (state) {
    if (taskId) {
      const task = state.tasks.find((t) => t.id === taskId);
      if (!task) return notFound('该任务');
      if (task.status === 'done' || task.status === 'cancelled') return taskNotOpen();
    }
    return caseEnded(state.status);
  }
  const desc = await ctx.temporal.client.workflow.getHandle(caseId).describe().catch(() => undefined);
  return caseEnded(desc?.typedSearchAttributes.get(SA.status));
}

const causeMessages = (err: unknown) => causeChain(err).map((e) => String(e.message)).join(' | ');

/** The engine's own "case is not running" (it ended while the update waited): answered like a closed case. */
const isCaseNotRunning = (err: unknown) => causeChain(err).some((e) => e.type === 'CASE_NOT_RUNNING');

export async function definitionOf(ctx: AppContext, state: Pick<CaseState, 'definitionKey' | 'definitionVersion'>): Promise<Definition> {
  const def = await store.getPublishedCached(ctx.db, state.definitionKey, state.definitionVersion);
  if (!def) throw notFound('该案件的流程定义');
  return def;
}

export async function visibleState(ctx: AppContext, p: Principal, state: CaseState): Promise<{ state: CaseState; definition: Definition }> {
  const definition = await definitionOf(ctx, state);
  return { state: redactState(state, definition, seesSensitive(p)), definition };
}

/**
 * One engine update at a time per case from this process: a hundred clicks on one task reach the
 * workflow one after another (the first wins, the rest are refused at once as TASK_NOT_OPEN)
 * instead of piling up as concurrent updates that the server aborts when the case closes.
 */
const lanes = new Map<string, Promise<unknown>>();
function inCaseLane<T>(caseId: string, fn: () => Promise<T>): Promise<T> {
  const run = (lanes.get(caseId) ?? Promise.resolve()).then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  lanes.set(caseId, tail);
  void tail.then(() => {
    if (lanes.get(caseId) === tail) lanes.delete(caseId);
  });
  return run;
}

/** Runs an update; records 已办 for task operations that finished the actor's part. */
export async function runUpdate<A>(
  ctx: AppContext,
  p: Principal,
  caseId: string,
  update: UpdateDefinition<UpdateResult, [A]>,
  args: A,
  history?: { operation: string; taskId?: string },
  taskId?: string,
): Promise<CaseState> {
  const handle = ctx.temporal.client.workflow.getHandle(caseId);
  let result: UpdateResult;
  try {
    result = await inCaseLane(caseId, () => withTemporalRetry(() => handle.executeUpdate(update, { args: [args] })));
  } catch (err) {
    // The guard has seen the case: "not found" here means its workflow has already closed.
    if (isNotFound(err) || /already completed|update was aborted/i.test(causeMessages(err)) || isCaseNotRunning(err)) {
      throw await closedCaseError(ctx, caseId, taskId ?? history?.taskId);
    }
    throw err;
  }
  const state = result.state;
  // Read-your-writes: answer once the read model holds the write that contains this action.
  if (result.projectionSeq !== undefined) await waitForProjection(ctx, caseId, result.projectionSeq);
  if (history) {
    const task = history.taskId ? state.tasks.find((t) => t.id === history.taskId) : undefined;
    // 已办 is written before the answer (one insert, retried once): a reply means the record exists.
    // If the database still refuses, the user's action has happened in the engine all the same, so
    // the answer stays 200 and the miss is logged (the case timeline keeps who did what).
    const insert = () =>
      ctx.db.query(
        `INSERT INTO task_history(user_id, case_id, task_id, operation, case_title, procedure, node_id, node_name, kind, org_unit, task_created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [p.id, caseId, history.taskId ?? null, history.operation, state.title, state.definitionKey, task?.nodeId ?? null, task?.nodeName ?? null, task?.kind ?? null, state.org.unit, task?.createdAt ?? null],
      );
    await insert()
      .catch(() => new Promise((r) => setTimeout(r, 100)).then(insert))
      .catch((err: unknown) => ctx.log.error({ err, caseId }, 'failed to record task history'));
  }
  return state;
}
