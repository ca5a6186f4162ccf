/**
 * Benchmarks (c) and (d): open cases are started through the API (case start throughput), the
 * worker catches up (tasks created, search attributes published), then the inbox, the case list
 * and the monitor board are queried by real users, and the worker's and the Temporal server's
 * memory is read from /proc. Run at each level of open cases (10,000 and 100,000 in full mode),
 * within a time budget: the real count reached is reported, never a target count.
 *
 * Start throughput is measured through the API on the first `apiStarts` cases of a level; the
 * rest are started by the API's own `startCase` (same definition from the same database, same
 * input and search attributes, same workflow) called in this process without HTTP, so reaching
 * 100,000 open cases is bounded by the worker and the Temporal server, not by HTTP round trips.
 * Every case is still a real case the worker runs: a level counts only cases whose task is open.
 */
import { Client, Connection } from '@temporalio/client';
import { createPayloadCodec } from '../temporal/codec.js';
import { openDb, type Db } from '../db/adapter.js';
import { startCase } from '../server/cases/case-service.js';
import type { AppContext } from '../server/context.js';
import type { Principal } from '../server/auth/principal.js';
import { OrgTree } from '../server/org/org-tree.js';
import type { ApiClient } from './lib/api-client.js';
import { benchDirectory, villageId, villageUser } from './lib/directory.js';
import { rssMiB } from './lib/proc.js';
import { BENCH_CODEC_KEY, type BenchStack } from './lib/stack.js';
import { pool, round, summarize, type Row, type Summary } from './lib/stats.js';
import { profileQueries } from './lib/query-profile.js';
import { PARKED_TASK_QUEUE, parkCases } from './lib/parked-cases.js';

export interface LevelResult {
  targetOpen: number;
  openReached: number;
  reachedTarget: boolean;
  start: { cases: number; seconds: number; apiCasesPerSecond: number; startLatencyMs: Summary };
  /** From the first start until the worker had created the task of every case. */
  caughtUpSeconds: number;
  endToEndCasesPerSecond: number;
  /** Open cases the worker runs; the rest of `openReached` are parked (visibility only). */
  realOpen: number;
  parked?: { cases: number; perSecond: number };
  inbox: Summary & { itemsPerUser: number };
  caseList: Summary;
  monitorBoard: Summary & { casesCounted: number };
  overdue: Summary;
  memoryMiB: { worker: number | null; workerBaseline: number | null; temporalServer: number; apiProcess: number };
  /** BENCH_PROFILE=1: the inbox's and the board's time split into Temporal's query and the API's own work. */
  profile?: Awaited<ReturnType<typeof profileQueries>>;
}

const STAGE = '村委办理';

export async function benchQueries(
  stack: BenchStack,
  villageUsers: ApiClient[],
  supervisor: ApiClient,
  opts: {
    levels: number[];
    budgetSeconds: number;
    samples: number;
    concurrency?: number;
    apiStarts?: number;
    /** Real cases at most; a level above is filled with parked cases (bench/lib/parked-cases.ts). */
    realCases?: number;
    log?: (s: string) => void;
  },
): Promise<{ levels: LevelResult[]; rows: Row[] }> {
  const log = opts.log ?? ((s: string) => process.stdout.write(s + '\n'));
  const conn = await Connection.connect({ address: stack.temporal.address });
  const client = new Client({ connection: conn, dataConverter: { payloadCodecs: [await createPayloadCodec(BENCH_CODEC_KEY)] } });
  const openCount = async () => Number((await client.workflow.count(`WorkflowType = 'caseWorkflow' AND ExecutionStatus = 'Running' AND JcStage = '${STAGE}'`)).count);
  const workerPid = () => (stack.worker?.alive() ? stack.worker.pid() : -1);
  const workerBaseline = stack.worker ? rssMiB(workerPid()) : null;
  const results: LevelResult[] = [];
  const rows: Row[] = [];
  const deadline = Date.now() + opts.budgetSeconds * 1000;
  let started = await openCount();
  let parkedTotal = 0;
  let seq = 0;
  const direct = await directStarter(stack, client, villageUsers.length);
  try {
    for (const target of opts.levels) {
      // ── start cases through the API until `target` are open or the budget runs out
      const needAll = Math.max(0, target - started);
      const need = opts.realCases === undefined ? needAll : Math.min(needAll, Math.max(0, opts.realCases - (started - parkedTotal)));
      const parkNeed = needAll - need;
      const viaApi = direct ? Math.min(need, opts.apiStarts ?? 1000) : need;
      const lat: number[] = [];
      const t0 = performance.now();
      let stoppedEarly = false;
      let lastLog = Date.now();
      const progress = () => {
        if (Date.now() - lastLog < 15_000) return;
        lastLog = Date.now();
        log(`  (c) ${started} cases started (${round(lat.length / ((performance.now() - t0) / 1000), 1)}/s via API so far)`);
      };
      /** Starts `count` cases with `startOne` (throws on failure; retried 3 times) until the budget runs out. */
      const startCases = (count: number, concurrency: number, startOne: (v: number, title: string) => Promise<void>) =>
        pool(Array.from({ length: count }), concurrency, async () => {
          if (Date.now() > deadline) {
            stoppedEarly = true;
            return;
          }
          const i = seq++;
          const v = (i % villageUsers.length) + 1;
          for (let attempt = 0; ; attempt++) {
            try {
              await startOne(v, `在办案件${i}`);
              started++;
              break;
            } catch (err) {
              if (attempt >= 3) throw err;
              await new Promise((r) => setTimeout(r, 1000));
            }
          }
          progress();
        });
      await startCases(viaApi, opts.concurrency ?? 16, async (v, title) => {
        const r = await villageUsers[v - 1]!.post<{ caseId: string }>('/api/cases', { procedure: 'bench-task', title, orgUnit: villageId(v) });
        if (r.status !== 201) throw new Error(`start: ${r.status} ${JSON.stringify(r.body)}`);
        lat.push(r.ms);
      });
      const startSeconds = (performance.now() - t0) / 1000;
      // The rest through the API's own startCase, without HTTP (see the header).
      const rest = need - viaApi;
      let viaStartCase = 0;
      if (direct && rest > 0 && !stoppedEarly) {
        log(`  (c) starting ${rest} more cases through startCase (no HTTP), concurrency 48 …`);
        await startCases(rest, 48, async (v, title) => {
          await direct.start(v, title);
          viaStartCase++;
        });
      }
      // ── wait for the worker: every started case shows its open task in visibility
      let open = await openCount();
      while (open < started && Date.now() < deadline + 600_000) {
        await new Promise((r) => setTimeout(r, 2000));
        const now = await openCount();
        if (now === open && now < started) log(`  (c) worker catching up: ${now}/${started} tasks visible`);
        open = now;
      }
      const caughtUp = (performance.now() - t0) / 1000;
      // ── above the real cases: parked ones, for the visibility queries only
      let parked: Awaited<ReturnType<typeof parkCases>> | undefined;
      if (parkNeed > 0 && !stoppedEarly && Date.now() < deadline) {
        log(`  (c) parking ${parkNeed} more open cases (visibility only, copied from real ones) …`);
        parked = await parkCases(client, {
          count: parkNeed,
          query: `WorkflowType = 'caseWorkflow' AND ExecutionStatus = 'Running' AND JcStage = '${STAGE}' AND TaskQueue != '${PARKED_TASK_QUEUE}'`,
          units: villageUsers.map((_, i) => villageId(i + 1)),
          title: (i) => `在办案件P${i}`,
          deadline,
          log,
        });
        parkedTotal += parked.parked;
        started += parked.parked;
        if (parked.parked < parkNeed) stoppedEarly = true;
        for (let i = 0; i < 150 && open < started; i++) {
          await new Promise((r) => setTimeout(r, 2000));
          open = await openCount();
        }
      }
      log(`  (c) level ${target}: ${open} open cases (${stoppedEarly ? 'time budget reached' : 'target reached'}); querying …`);

      // ── queries, one at a time, by real users
      const inboxMs: number[] = [];
      let items = 0;
      for (let i = 0; i < opts.samples; i++) {
        const u = villageUsers[(i * 7) % villageUsers.length]!;
        const r = await u.get<{ items: unknown[] }>('/api/inbox?tab=todo');
        if (r.status !== 200) throw new Error(`inbox: ${r.status}`);
        inboxMs.push(r.ms);
        items += r.body.items.length;
      }
      const listMs: number[] = [];
      for (let i = 0; i < opts.samples; i++) {
        const r = await supervisor.get('/api/cases?pageSize=50');
        if (r.status !== 200) throw new Error(`cases: ${r.status}`);
        listMs.push(r.ms);
      }
      const boardMs: number[] = [];
      let counted = 0;
      const boardSamples = Math.max(3, Math.min(opts.samples, 10));
      for (let i = 0; i < boardSamples; i++) {
        const r = await supervisor.get<{ totals: { green: number; yellow: number; red: number } }>('/api/monitor/board');
        if (r.status !== 200) throw new Error(`board: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        boardMs.push(r.ms);
        counted = r.body.totals.green + r.body.totals.yellow + r.body.totals.red;
      }
      const overdueMs: number[] = [];
      for (let i = 0; i < boardSamples; i++) {
        const r = await supervisor.get('/api/monitor/overdue');
        if (r.status !== 200) throw new Error(`overdue: ${r.status}`);
        overdueMs.push(r.ms);
      }
      const profile = process.env.BENCH_PROFILE === '1' ? await profileQueries(stack.server.ctx, villageUsers.length, opts.samples, log) : undefined;
      const level: LevelResult = {
        targetOpen: target,
        openReached: open,
        reachedTarget: open >= target,
        start: { cases: lat.length, seconds: round(startSeconds, 1), apiCasesPerSecond: round(lat.length / startSeconds, 1), startLatencyMs: summarize(lat) },
        caughtUpSeconds: round(caughtUp, 1),
        endToEndCasesPerSecond: round(need / caughtUp, 1),
        realOpen: open - parkedTotal,
        parked: parked ? { cases: parkedTotal, perSecond: parked.perSecond } : undefined,
        inbox: { ...summarize(inboxMs), itemsPerUser: round(items / opts.samples, 0) },
        caseList: summarize(listMs),
        monitorBoard: { ...summarize(boardMs), casesCounted: counted },
        overdue: summarize(overdueMs),
        memoryMiB: {
          worker: stack.worker ? round(rssMiB(workerPid()), 0) : null,
          workerBaseline: workerBaseline === null ? null : round(workerBaseline, 0),
          temporalServer: round(rssMiB(stack.temporal.pid()), 0),
          apiProcess: round(process.memoryUsage().rss / 2 ** 20, 0),
        },
        profile,
      };
      results.push(level);
      const p = (s: Summary) => `${round(s.p50, 0)} / ${round(s.p95, 0)}`;
      const label = `${open.toLocaleString('en')} open`;
      const inboxTarget = target >= 100_000 ? 300 : 100;
      const parkedNote = parkedTotal > 0 ? `; ${level.realOpen} real + ${parkedTotal} parked (visibility only)` : '';
      if (lat.length > 0) {
        rows.push(
          { metric: `[${label}] case start via API (cases/s)`, value: String(level.start.apiCasesPerSecond), note: `p50 ${round(level.start.startLatencyMs.p50, 0)} ms per start; ${lat.length} started via the API, ${viaStartCase} via startCase` },
          { metric: `[${label}] start → task visible, end to end (cases/s)`, value: String(level.endToEndCasesPerSecond) },
        );
      }
      if (parked) rows.push({ metric: `[${label}] parked cases started (cases/s)`, value: String(parked.perSecond), note: `${parked.parked} in ${parked.seconds} s` });
      rows.push(
        { metric: `[${label}] inbox p50/p95 (ms)`, value: p(level.inbox), target: `p95 ≤ ${inboxTarget}`, met: open >= target ? level.inbox.p95 <= inboxTarget : null, note: `${level.inbox.itemsPerUser} items per user${open < target ? '; target count not reached' : ''}${parkedNote}` },
        { metric: `[${label}] case list (50/page) p50/p95 (ms)`, value: p(level.caseList) },
        { metric: `[${label}] monitor board p50/p95 (ms)`, value: p(level.monitorBoard), note: `${counted} cases counted` },
        { metric: `[${label}] overdue list p50/p95 (ms)`, value: p(level.overdue) },
        {
          metric: `[${label}] worker RSS (MiB)`,
          value: level.memoryMiB.worker === null ? 'n/a (in-process)' : String(level.memoryMiB.worker),
          target: target >= 10_000 ? '≤ 500 MB' : undefined,
          met: target >= 10_000 && level.memoryMiB.worker !== null && level.realOpen >= 10_000 ? level.memoryMiB.worker * 1.048576 <= 500 : null,
          note: `baseline ${level.memoryMiB.workerBaseline} MiB${parkedTotal > 0 ? `; it runs the ${level.realOpen} real cases` : ''}`,
        },
        { metric: `[${label}] Temporal server RSS (MiB)`, value: String(level.memoryMiB.temporalServer), note: 'dev server, SQLite file' },
      );
      if (stoppedEarly) break;
    }
    return { levels: results, rows };
  } finally {
    await direct?.close();
    await conn.close();
  }
}

/** The API's startCase on the bench database and org tree, for a village clerk (PostgreSQL mode only). */
async function directStarter(stack: BenchStack, client: Client, villages: number) {
  if (!stack.databaseUrl) return undefined;
  const db: Db = await openDb({ databaseUrl: stack.databaseUrl, dataDir: '' });
  const tree = new OrgTree(benchDirectory(villages).units.map((u) => ({ id: u.id, name: u.name, level: u.level, parentId: u.parentId ?? u.parent ?? null })));
  const ctx = { db, org: { tree, reload: async () => undefined }, temporal: { client } } as unknown as AppContext;
  const clerk = (v: number) =>
    ({ id: villageUser(v), username: villageUser(v), name: `村委${v}`, grants: [{ role: 'VIL_COMM', orgUnit: villageId(v) }] }) as unknown as Principal;
  return {
    start: (v: number, title: string) => startCase(ctx, clerk(v), { procedure: 'bench-task', title, orgUnit: villageId(v) }),
    close: () => db.close(),
  };
}
