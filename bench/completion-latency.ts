/**
 * Benchmark (b): completing a task through the API (session check, permission check, the engine
 * update, the 已办 record, the masked state back) against a raw `executeUpdate('complete')` on the
 * same caseWorkflow, alternating case by case, one request at a time.
 * (bench/api-latency.ts is the API helper's own demo-data measurement, a separate script.)
 */
import { Client, Connection } from '@temporalio/client';
import { completeUpdate } from '../workflows/messages.js';
import type { CaseState } from '../workflows/types.js';
import { createPayloadCodec } from '../temporal/codec.js';
import type { ApiClient } from './lib/api-client.js';
import { villageId, villageUser } from './lib/directory.js';
import { BENCH_CODEC_KEY, type BenchStack } from './lib/stack.js';
import { pool, round, summarize, type Row, type Summary } from './lib/stats.js';

export interface CompletionLatencyResult {
  samples: number;
  api: Summary;
  raw: Summary;
  ratioP50: number;
  ratioP95: number;
}

async function openTaskId(user: ApiClient, caseId: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const r = await user.get<CaseState>(`/api/cases/${caseId}`);
    const t = r.status === 200 ? r.body.tasks?.find((x) => x.status === 'open') : undefined;
    if (t) return t.id;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`no open task on ${caseId}`);
}

export async function benchCompletionLatency(stack: BenchStack, users: ApiClient[], samples: number): Promise<{ result: CompletionLatencyResult; rows: Row[] }> {
  const conn = await Connection.connect({ address: stack.temporal.address });
  const client = new Client({ connection: conn, dataConverter: { payloadCodecs: [await createPayloadCodec(BENCH_CODEC_KEY)] } });
  try {
    // Cases with an open task, started through the API (both halves alike).
    const n = samples * 2 + 4;
    const cases = await pool(Array.from({ length: n }, (_, i) => i), 8, async (i) => {
      const v = (i % users.length) + 1;
      const r = await users[v - 1]!.post<{ caseId: string }>('/api/cases', { procedure: 'bench-task', title: `完成时延${i}`, orgUnit: villageId(v) });
      if (r.status !== 201) throw new Error(`start: ${r.status} ${JSON.stringify(r.body)}`);
      return { caseId: r.body.caseId, v };
    });
    const withTasks = await pool(cases, 8, async (c) => ({ ...c, taskId: await openTaskId(users[c.v - 1]!, c.caseId) }));
    const api: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < withTasks.length; i++) {
      const c = withTasks[i]!;
      const user = users[c.v - 1]!;
      if (i % 2 === 0) {
        const r = await user.post(`/api/tasks/${c.caseId}/${c.taskId}/complete`, { data: { opinion: '同意' } });
        if (r.status !== 200) throw new Error(`API complete: ${r.status} ${JSON.stringify(r.body)}`);
        if (i >= 4) api.push(r.ms); // the first two of each: warm-up
      } else {
        const t0 = performance.now();
        await client.workflow.getHandle(c.caseId).executeUpdate(completeUpdate, {
          args: [{ actor: { userId: villageUser(c.v), grants: [{ role: 'VIL_COMM', orgUnit: villageId(c.v) }] }, taskId: c.taskId, data: { opinion: '同意' } }],
        });
        if (i >= 4) raw.push(performance.now() - t0);
      }
    }
    const a = summarize(api);
    const r = summarize(raw);
    const result: CompletionLatencyResult = { samples: api.length, api: a, raw: r, ratioP50: round(a.p50 / r.p50, 2), ratioP95: round(a.p95 / r.p95, 2) };
    const ms = (s: Summary) => `${round(s.p50, 0)} / ${round(s.p95, 0)} / ${round(s.p99, 0)}`;
    const rows: Row[] = [
      { metric: 'complete via API p50/p95/p99 (ms)', value: ms(a) },
      { metric: 'raw executeUpdate p50/p95/p99 (ms)', value: ms(r) },
      { metric: 'API / raw update (p50)', value: `${result.ratioP50}×`, target: '≤ 1.3×', met: result.ratioP50 <= 1.3 },
      { metric: 'API / raw update (p95)', value: `${result.ratioP95}×`, target: '≤ 1.3×', met: result.ratioP95 <= 1.3 },
    ];
    return { result, rows };
  } finally {
    await conn.close();
  }
}
