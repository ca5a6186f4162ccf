/**
 * Open cases for the visibility store only, to reach 100,000 on a 2-core machine: loading real
 * cases runs at ~7 cases/s here (the worker and the dev server's SQLite; 4 h for 100,000), longer
 * than a session. A parked case is a `caseWorkflow` execution started with the search attributes
 * and memo copied from a real open case of the same village (title and id changed), on a task queue
 * no worker polls: to the inbox, the case list and the monitor board — one visibility query each —
 * it is an open case waiting at its task, the same row with the same attributes and the same
 * encrypted memo. It never runs: it says nothing about the worker, so worker memory is measured
 * at the level of real cases only.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { SA } from '../../workflows/search-attributes.js';
import { pool, round } from './stats.js';

export const PARKED_TASK_QUEUE = 'bench-parked-no-worker';

/** One real open case per org unit in `units`, found by `query` (a visibility query for open cases). */
async function templates(client: Client, query: string, units: string[]): Promise<Map<string, WorkflowExecutionInfo>> {
  const out = new Map<string, WorkflowExecutionInfo>();
  for (const unit of units) {
    for await (const info of client.workflow.list({ query: `${query} AND ${SA.orgUnit.name} = '${unit}'`, pageSize: 1 })) {
      out.set(unit, info);
      break;
    }
  }
  return out;
}

export async function parkCases(
  client: Client,
  opts: { count: number; query: string; units: string[]; title: (i: number) => string; deadline: number; concurrency?: number; log?: (s: string) => void },
): Promise<{ parked: number; seconds: number; perSecond: number }> {
  const t0 = performance.now();
  const byUnit = await templates(client, opts.query, opts.units);
  const units = opts.units.filter((u) => byUnit.has(u));
  if (units.length === 0) throw new Error('parked cases: no real open case to copy');
  const tag = Date.now().toString(36);
  let parked = 0;
  let lastLog = Date.now();
  await pool(Array.from({ length: opts.count }, (_, i) => i), opts.concurrency ?? 128, async (i) => {
    if (Date.now() > opts.deadline) return;
    const template = byUnit.get(units[i % units.length]!)!;
    const title = opts.title(i);
    const attributes = template.typedSearchAttributes.getAll().map((p) => (p.key.name === SA.title.name ? { key: SA.title, value: title } : p)) as SearchAttributePair[];
    await client.workflow.start('caseWorkflow', {
      taskQueue: PARKED_TASK_QUEUE,
      workflowId: `bench-parked-${tag}-${i}`,
      args: [],
      typedSearchAttributes: attributes,
      memo: { ...(template.memo ?? {}), title },
    });
    parked++;
    if (opts.log && Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      opts.log(`  (c) ${parked} parked cases started (${round(parked / ((performance.now() - t0) / 1000), 1)}/s)`);
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  return { parked, seconds: round(seconds, 1), perSecond: round(parked / seconds, 1) };
}
