/**
 * How a case is started — by the API, the CLI and the running fuzzer alike: its workflow id, task
 * queue, the search attributes it is visible by at once (ids, codes and status — no title or name:
 * issue 14; who started it, progress and due dates are in the read model), and its start memo. `input.title` is the title as stored (server/cases/masking.ts). The interpreter keeps them
 * current afterwards; with these set, a case's first task writes nothing while quick automated
 * steps run (workflows/engine/search-state.ts, PUBLISH_AT_REST).
 */
import { nanoid } from 'nanoid';
import type { SearchAttributePair } from '@temporalio/common';
import { startMemo } from '../workflows/memo.js';
import { operatorAttributes, TASK_QUEUE } from '../workflows/search-attributes.js';
import type { CaseInput } from '../workflows/types.js';

/** The workflow type the interpreter registers (workflows/interpreter.ts). By name: callers need not import workflow code. */
export const CASE_WORKFLOW = 'caseWorkflow';

/** yyyymmdd in Asia/Shanghai. */
export function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** A new case id: `<procedure>-<yyyymmdd Shanghai>-<6 random>`. */
export function newCaseId(procedure: string, now = new Date()): string {
  return `${procedure}-${shanghaiDay(now)}-${nanoid(6)}`;
}

/** The options of `client.workflow.start(CASE_WORKFLOW, …)` for a case. */
export function caseStartOptions(input: CaseInput, opts: { caseId: string; taskQueue?: string; now?: Date }) {
  const { definition, org, title } = input;
  // Operators' attributes only: who started it, progress and due dates are in the read model
  // (the case writes it, engine/projection.ts), and a projecting case never writes them here.
  const typedSearchAttributes: SearchAttributePair[] = operatorAttributes(definition, org);
  return {
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    workflowId: opts.caseId,
    args: [input] as [CaseInput],
    typedSearchAttributes,
    memo: startMemo(title),
  };
}
