/**
 * caseWorkflow: one durable workflow per case, interpreting the definition snapshot it was started
 * with. The root token walks from the start node; update handlers work on task records; the case
 * ends at an end node (other tokens are cancelled), by withdraw/terminate, or fails with a reason
 * in the timeline when no edge can be taken.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  TemporalFailure,
} from '@temporalio/workflow';
import type { CaseInput, CaseResult, CaseStatus } from './types.js';
import { effects } from './engine/activities.js';
import { nowIso } from './engine/clock.js';
import { registerHandlers } from './engine/handlers.js';
import { carry, historyTooLong, safePoint } from './engine/carry.js';
import { readCarried, restoreCarried } from './engine/carried-state.js';
import { CaseRuntime, type TokenState } from './engine/runtime.js';
import { installPublisher } from './engine/search-state.js';
import { endWords, notifyWords } from './engine/notify-words.js';
import { CaseEnd, EngineStop } from './engine/step.js';
import { cancelTask } from './engine/task-node.js';
import { runPath } from './engine/tokens.js';
import { checkCaseParams } from '../dsl/case-params.js';

function finish(rt: CaseRuntime, status: CaseStatus, outcome: string | undefined, detail?: Record<string, unknown>): void {
  for (const t of rt.tasks) cancelTask(t);
  rt.tokens.clear();
  rt.timers.clear();
  for (const p of rt.publicity) p.outcome ??= p.objections.length ? 'objections' : 'clear';
  rt.status = status;
  rt.outcome = outcome;
  rt.endedAt = nowIso();
  rt.progress();
  rt.record({ type: 'case.ended', actor: 'system', detail: { status, outcome, ...detail } });
  rt.changed();
}

export async function caseWorkflow(input: CaseInput): Promise<CaseResult> {
  // Statutory floors hold for per-case overrides too (the API answers 422 before it gets here).
  const paramIssues = input.carried ? [] : checkCaseParams(input.definition, input.params);
  if (paramIssues.length > 0) {
    throw ApplicationFailure.create({ type: 'PARAMS_INVALID', message: paramIssues.map((i) => i.message).join('；'), nonRetryable: true });
  }
  const carried = readCarried(input.carried);
  const rt = new CaseRuntime(input);
  if (carried) restoreCarried(rt, carried);
  installPublisher(rt, input.searchAttributes !== false);
  registerHandlers(rt);

  const start = rt.def.nodes.find((n) => n.kind === 'start') ?? rt.def.nodes[0];
  const resume = carried?.resume;
  if (!resume) rt.record({ type: 'case.started', actor: input.initiator.userId, actorName: input.initiator.name, detail: { definition: `${rt.def.key}@${rt.def.version}` } });
  const root: TokenState = { id: 't0', since: nowIso(), moving: true };
  rt.tokens.set(root.id, root);
  rt.rootScope = new CancellationScope();
  // A long history continues as new at the next safe point (see engine/carry.ts).
  void condition(() => historyTooLong(input) && !!safePoint(rt)).then(() => {
    rt.continuing = true;
    rt.rootScope?.cancel();
  });
  let failure: ApplicationFailure | undefined;
  try {
    await rt.rootScope.run(() => runPath(rt, root, resume?.nodeId ?? (start as { id: string }).id, false, resume));
  } catch (err) {
    if (rt.continuing && isCancellation(err)) {
      const task = rt.tasks.find((t) => t.tokenId === root.id && (t.status === 'open' || t.status === 'claimed'));
      if (task) {
        await condition(allHandlersFinished);
        rt.flush();
        // A corrected definition handed over by resolveIncident goes on with the case.
        await continueAsNew<typeof caseWorkflow>({ ...input, definition: rt.def, data: undefined, carried: { ...carry(rt, task) } });
      }
    }
    if (err instanceof CaseEnd) {
      finish(rt, 'completed', err.outcome, { nodeId: err.nodeId });
    } else if (isCancellation(err)) {
      const req = rt.endRequest ?? { status: 'terminated' as const, outcome: 'cancelled', reason: '工作流被取消' };
      finish(rt, req.status, req.outcome, { reason: req.reason });
    } else if (err instanceof EngineStop) {
      rt.record({ type: 'case.error', actor: 'system', nodeId: err.nodeId, comment: err.message, detail: { code: err.code } });
      finish(rt, 'failed', undefined, { code: err.code });
      failure = ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
    } else if (err instanceof TemporalFailure) {
      // An activity or a child case failed for good (retries exhausted, or a non-retryable error).
      const detail = err.cause?.message ?? err.message;
      rt.record({ type: 'case.error', actor: 'system', comment: `外部服务或子流程失败：${detail}` });
      finish(rt, 'failed', undefined, { code: 'ACTIVITY_FAILED' });
      failure = ApplicationFailure.create({ type: 'ACTIVITY_FAILED', message: detail, nonRetryable: true, cause: err });
    } else {
      // A bug: fail the workflow task (retried after a fix), never the case.
      throw err;
    }
  }
  await CancellationScope.nonCancellable(() =>
    notifyOutcome(rt, input),
  ).catch(() => undefined);
  await condition(allHandlersFinished);
  // Per-task publishing: the last state goes out before the completion command, not after it.
  rt.flush();
  if (failure) throw failure;
  return { status: rt.status, outcome: rt.outcome, data: rt.data };
}

function notifyOutcome(rt: CaseRuntime, input: CaseInput): Promise<void> {
  const words = notifyWords(rt);
  // With the patch: 已终止/已撤回 instead of 办结 for every end, the end node's name instead of its outcome code.
  const plain = words.extra.caseTitle !== undefined ? endWords(rt, rt.endRequest?.reason) : undefined;
  return effects.notify({
      key: `${rt.caseId}:ended`,
      kind: 'outcome',
      caseId: rt.caseId,
      userIds: [input.initiator.userId],
      grants: [],
      title: plain?.title ?? `办结：${input.title}`,
      message: plain?.message ?? `案件已${rt.status === 'completed' ? '办结' : rt.status === 'withdrawn' ? '撤回' : rt.status === 'terminated' ? '终止' : '中断'}${rt.outcome ? `（${rt.outcome}）` : ''}。`,
      ...words.extra,
    });
}
