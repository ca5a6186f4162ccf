/**
 * The hand-written Temporal workflow of benchmark (a): what a developer would write for the
 * automated 10-step procedure without the interpreter — the same activities with the same options
 * in the same order (call-out for a service step; the business calendar and a timer for a timer
 * step; an `if` for a gateway; the outcome notification at the end), no definition, no search
 * attributes, no timeline. Bundled on its own (workflowsPath = this file), never inside workflows/.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities/types.js';
import type { AutoStep } from './fixtures.js';

const lookups = proxyActivities<Pick<Activities, 'computeSchedule'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});
const effects = proxyActivities<Pick<Activities, 'notify' | 'callout'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

export interface RawInput {
  caseId: string;
  steps: AutoStep[];
  data: { amount: number };
  initiator: string;
  title: string;
}

export async function rawAutomatedWorkflow(input: RawInput): Promise<{ status: string; outcome: string }> {
  let outcome = 'done';
  for (const step of input.steps) {
    if (step.kind === 'service') {
      await effects.callout({ caseId: input.caseId, nodeId: step.id, name: 'bench', payload: { step: step.id } });
    } else if (step.kind === 'timer') {
      const from = new Date().toISOString();
      const schedule = await lookups.computeSchedule({ from, duration: { amount: 0, unit: 'minutes' } });
      const ms = Date.parse(schedule.dueAt) - Date.now();
      if (ms > 0) await sleep(ms);
    } else if (!(input.data.amount > 100)) {
      outcome = 'rejected';
      break;
    }
  }
  await effects.notify({
    key: `${input.caseId}:ended`,
    kind: 'outcome',
    caseId: input.caseId,
    userIds: [input.initiator],
    grants: [],
    title: `办结：${input.title}`,
    message: `案件已办结（${outcome}）。`,
  });
  return { status: 'completed', outcome };
}
