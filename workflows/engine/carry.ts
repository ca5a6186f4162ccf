/**
 * Continue-as-new: a long-lived case whose history grows large starts a fresh run carrying its
 * state. Only at a safe point — one token, waiting on a human task, no update in progress — so
 * the new run resumes exactly there with the same task record (deadlines re-armed from it).
 */
import { allHandlersFinished, workflowInfo } from '@temporalio/workflow';
import type { CaseInput, TaskRecord } from '../types.js';
import type { CaseRuntime } from './runtime.js';
import { CARRIED_VERSION, readCarried, type CarriedCase } from './carried-state.js';

/** The open task the single root token waits on, when the case is at a safe point. */
export function safePoint(rt: CaseRuntime): TaskRecord | undefined {
  if (rt.ended || rt.endRequest || rt.tokens.size !== 1 || !allHandlersFinished()) return undefined;
  const token = rt.tokens.get('t0');
  if (!token || token.moving || !token.nodeId || token.jumpTo || token.moveTo || rt.migrating) return undefined;
  const kind = rt.node(token.nodeId).kind;
  if (kind !== 'task' && kind !== 'vote') return undefined;
  return rt.openTasks().find((t) => t.tokenId === token.id && t.nodeId === token.nodeId);
}

export function historyTooLong(input: CaseInput): boolean {
  const info = workflowInfo();
  if (info.continueAsNewSuggested) return true;
  return input.continueAsNewAfterEvents !== undefined && info.historyLength >= input.continueAsNewAfterEvents;
}

export function carry(rt: CaseRuntime, task: TaskRecord): CarriedCase {
  const token = rt.tokens.get('t0');
  return {
    version: CARRIED_VERSION,
    runs: (readCarried(rt.input.carried)?.runs ?? 1) + 1,
    startedAt: rt.startedAt,
    lastProgress: rt.lastProgress,
    status: rt.status,
    suspendedAt: rt.suspendedAt,
    data: rt.data,
    nodeOutputs: rt.nodeOutputs,
    timeline: rt.timeline,
    ledger: rt.ledger,
    clockEvents: rt.clockEvents,
    path: rt.path,
    tasks: rt.tasks,
    publicity: rt.publicity,
    warnings: rt.warnings,
    votes: [...rt.votes.values()],
    light: rt.light,
    ...(rt.incidents.length ? { incidents: rt.incidents } : {}),
    ...(rt.warning ? { warning: rt.warning } : {}),
    seq: rt.currentSeq,
    resume: { nodeId: task.nodeId, taskId: task.id, since: token?.since ?? rt.lastProgress },
  };
}
