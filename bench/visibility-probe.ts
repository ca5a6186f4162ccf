/**
 * Times visibility query variants straight against a Temporal dev server on a kept DB file
 * (BENCH_TEMPORAL_DB from a profiling run): which shape of the inbox and board queries the SQLite
 * visibility store answers fastest. Usage: tsx bench/visibility-probe.ts <temporal.db> [samples]
 */
import { Connection } from '@temporalio/client';
import { startTemporalDevServer } from './lib/temporal-server.js';
import { readFileSync } from 'node:fs';
import proto from '@temporalio/proto';
import { round, summarize } from './lib/stats.js';

/** CPU seconds (user + system) of a process, from /proc. */
const cpuOf = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

const [dbFile, samplesArg] = process.argv.slice(2);
const samples = Number(samplesArg ?? 10);
const dev = await startTemporalDevServer({ dbFile });
const conn = await Connection.connect({ address: dev.address });
const svc = conn.workflowService;

async function all(query: string, pageSize: number): Promise<{ ms: number; rows: number; pages: number }> {
  const t0 = performance.now();
  let rows = 0;
  let pages = 0;
  let nextPageToken: Uint8Array | undefined;
  do {
    const r = await svc.listWorkflowExecutions({ namespace: 'default', query, pageSize, nextPageToken });
    rows += r.executions.length;
    pages++;
    nextPageToken = r.nextPageToken?.length ? r.nextPageToken : undefined;
  } while (nextPageToken);
  return { ms: performance.now() - t0, rows, pages };
}

async function time(label: string, run: () => Promise<{ rows: number; pages?: number }>) {
  const ms: number[] = [];
  const cpu0 = { server: cpuOf(dev.pid()), node: process.cpuUsage() };
  let rows = 0;
  let pages = 0;
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const r = await run();
    ms.push(performance.now() - t0);
    rows = r.rows;
    pages = r.pages ?? 0;
  }
  const s = summarize(ms);
  const server = ((cpuOf(dev.pid()) - cpu0.server) * 1000) / samples;
  const n = process.cpuUsage(cpu0.node);
  const node = (n.user + n.system) / 1000 / samples;
  console.log(`${label.padEnd(52)} rows ${String(rows).padStart(5)} pages ${pages}  p50 ${round(s.p50, 1)}  p95 ${round(s.p95, 1)} ms; CPU per run: Temporal ${round(server, 0)} ms, this process ${round(node, 0)} ms`);
}

const count = async (query: string) => Number((await svc.countWorkflowExecutions({ namespace: 'default', query })).count);
const u = 'vc-bv001';
const role = 'VIL_COMM@bv001';
const base = `WorkflowType = 'caseWorkflow' AND JcStatus = 'running'`;
const who = `(JcAssignees = '${u}' OR JcCandidateRoles IN ('${role}'))`;
try {
  {
    const r = await svc.listWorkflowExecutions({ namespace: 'default', query: 'ExecutionStatus = "Running"', pageSize: 1000 });
    const T = proto.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
    const bytes = T.encode(r).finish();
    await time(`proto decode only of a 1000-row page (${bytes.length} bytes)`, async () => ({ rows: T.decode(bytes).executions.length }));
  }
  await time('inbox: current', () => all(`${base} AND ${who}`, 1000));
  await time('inbox: who only', () => all(who, 1000));
  await time('inbox: ExecutionStatus Running AND who', () => all(`ExecutionStatus = 'Running' AND ${who}`, 1000));
  await time('inbox: JcCandidateRoles only', () => all(`JcCandidateRoles IN ('${role}')`, 1000));
  await time('inbox: JcAssignees only', () => all(`JcAssignees = '${u}'`, 1000));
  await time('inbox: current + JcOrgUnit', () => all(`${base} AND JcOrgUnit = 'bv001' AND ${who}`, 1000));
  await time('inbox: count current', async () => ({ rows: await count(`${base} AND ${who}`) }));
  const board = `WorkflowType = 'caseWorkflow' AND (JcOrgPath IN ('btown')) AND JcStatus IN ('running', 'suspended')`;
  const villages = Array.from({ length: 100 }, (_, i) => `bv${String(i + 1).padStart(3, '0')}`);
  const counts = async (queries: string[], concurrency: number) => {
    let next = 0;
    let rows = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < queries.length) rows += await count(queries[next++]!);
    }));
    return { rows, pages: queries.length };
  };
  const boardQ = `WorkflowType = 'caseWorkflow' AND (JcOrgPath IN ('btown')) AND JcStatus IN ('running', 'suspended')`;
  for (const c of [1, 4, 8]) {
    await time(`board by counts: per village, concurrency ${c}`, () => counts(villages.map((v) => `${boardQ} AND JcOrgUnit = '${v}'`), c));
    await time(`board by counts: per village + red/yellow, concurrency ${c}`, () =>
      counts(villages.flatMap((v) => [`${boardQ} AND JcOrgUnit = '${v}'`, ...['red', 'yellow'].map((h) => `${boardQ} AND JcOrgUnit = '${v}' AND JcProcedure = 'bench-task' AND JcHealth = '${h}'`)]), c),
    );
  }
  await time('board: current, 1000/page', () => all(board, 1000));
  await time('board: current, 500/page', () => all(board, 500));
  await time('board: current, 2000/page', () => all(board, 2000));
  await time('board: count', async () => ({ rows: await count(board) }));
  await time('board: ExecutionStatus Running only, 1000/page', () => all(`ExecutionStatus = 'Running'`, 1000));
  await time('board: one village (JcOrgUnit)', () => all(`${board} AND JcOrgUnit = 'bv001'`, 1000));
  await time('board: per health, 3 in parallel', async () => {
    const r = await Promise.all(['green', 'yellow', 'red'].map((h) => all(`${board} AND JcHealth = '${h}'`, 1000)));
    return { rows: r.reduce((a, b) => a + b.rows, 0) };
  });
  await time('board: 2 halves by StartTime, in parallel', async () => {
    const mid = new Date(Date.now() - 10 * 60_000).toISOString();
    const r = await Promise.all([all(`${board} AND StartTime < '${mid}'`, 1000), all(`${board} AND StartTime >= '${mid}'`, 1000)]);
    return { rows: r.reduce((a, b) => a + b.rows, 0) };
  });
} finally {
  await conn.close();
  await dev.stop();
}
