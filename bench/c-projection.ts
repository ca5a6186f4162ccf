/**
 * Benchmarks (c) and (d) on the read model: at each level of open cases (10,000 and 100,000 in
 * full mode), real cases are started through the API (start throughput, start → in my list) and by
 * the API's own startCase (the same code without HTTP), run by the worker, which writes their
 * projection; above `realCases` the level is filled with generated read-model rows — the same rows
 * a case writes (bench/lib/projection-fill.ts), counted and named in the output. Then real users
 * query over HTTP, one request at a time:
 *   - the inbox's first page (50 items by due time) of a clerk with ~1,000 open items;
 *   - the case list with a filter and a text search;
 *   - the monitor board (one grouped query) and the overdue list;
 *   - the report (30 days).
 * Projection lag is measured on every row the workflows wrote: workflow time of the state (at rest)
 * to the moment the row was committed.
 */
import pino from 'pino';
import { Client, Connection } from '@temporalio/client';
import { createPayloadCodec } from '../temporal/codec.js';
import { openDb, type Db } from '../db/adapter.js';
import { startCase } from '../server/cases/case-service.js';
import type { AppContext } from '../server/context.js';
import type { Principal } from '../server/auth/principal.js';
import { OrgTree } from '../server/org/org-tree.js';
import { createProjectionStore } from '../db/projection/store.js';
import type { ApiClient } from './lib/api-client.js';
import { benchDirectory, villageId, villageUser } from './lib/directory.js';
import { rssMiB } from './lib/proc.js';
import { BENCH_CODEC_KEY, type BenchStack } from './lib/stack.js';
import { pool, round, summarize, type Row, type Summary } from './lib/stats.js';
import { fillProjection } from './lib/projection-fill.js';

export interface LevelResult {
  targetOpen: number;
  openReached: number;
  reachedTarget: boolean;
  /** Open cases the worker runs (end to end), and generated read-model rows above them. */
  realOpen: number;
  generated: { rows: number; open: number; seconds: number } | null;
  start: { cases: number; seconds: number; apiCasesPerSecond: number; startLatencyMs: Summary };
  caughtUpSeconds: number;
  endToEndCasesPerSecond: number;
  /** Workflow at rest → row committed, over every row the workflows wrote so far. */
  projectionLagMs: { rows: number; p50: number; p95: number; p99: number; max: number };
  inbox: Summary & { itemsPerUser: number; pageSize: number };
  caseList: Summary & { matches: number };
  monitorBoard: Summary & { casesCounted: number };
  overdue: Summary;
  report: Summary;
  memoryMiB: { worker: number | null; workerBaseline: number | null; temporalServer: number; apiProcess: number };
}

const INBOX_TARGET_MS = 50;
const LIST_TARGET_MS = 100;
const BOARD_TARGET_MS = 200;
const REPORT_TARGET_MS = 1000;
const LAG_TARGET_MS = 1000;

export async function benchReadModel(
  stack: BenchStack,
  villageUsers: ApiClient[],
  supervisor: ApiClient,
  opts: {
    levels: number[];
    budgetSeconds: number;
    samples: number;
    concurrency?: number;
    apiStarts?: number;
    /** Real cases at most; a level above is filled with generated read-model rows. */
    realCases?: number;
    log?: (s: string) => void;
  },
): Promise<{ levels: LevelResult[]; rows: Row[] }> {
  const log = opts.log ?? ((s: string) => process.stdout.write(s + '\n'));
  if (!stack.databaseUrl) throw new Error('benchmark (c) needs PostgreSQL (the bench stack starts one, or set DATABASE_URL)');
  const db: Db = await openDb({ databaseUrl: stack.databaseUrl, dataDir: '' });
  const conn = await Connection.connect({ address: stack.temporal.address });
  const client = new Client({ connection: conn, dataConverter: { payloadCodecs: [await createPayloadCodec(BENCH_CODEC_KEY)] } });
  const villages = villageUsers.length;
  const count = async (sql: string) => Number((await db.query<{ n: string }>(sql))[0]?.n ?? 0);
  const openInModel = () => count(`SELECT count(*) AS n FROM proj_cases WHERE status IN ('running', 'suspended')`);
  const realInModel = () => count(`SELECT count(*) AS n FROM proj_cases WHERE status IN ('running', 'suspended') AND source <> 'generated' AND open_tasks > 0`);
  const workerPid = () => (stack.worker?.alive() ? stack.worker.pid() : -1);
  const workerBaseline = stack.worker ? rssMiB(workerPid()) : null;
  const direct = directStarter(stack, db, client, villages);
  const results: LevelResult[] = [];
  const rows: Row[] = [];
  const deadline = Date.now() + opts.budgetSeconds * 1000;
  let started = await realInModel();
  let generatedRows = 0;
  let generatedOpen = 0;
  let seq = 0;
  try {
    for (const target of opts.levels) {
      const needAll = Math.max(0, target - (started + generatedOpen));
      const need = opts.realCases === undefined ? needAll : Math.min(needAll, Math.max(0, opts.realCases - started));
      const fillNeed = needAll - need;
      const viaApi = Math.min(need, opts.apiStarts ?? 1000);
      const lat: number[] = [];
      const t0 = performance.now();
      let stoppedEarly = false;
      let lastLog = Date.now();
      const startCases = (n: number, concurrency: number, startOne: (v: number, title: string) => Promise<void>) =>
        pool(Array.from({ length: n }), concurrency, async () => {
          if (Date.now() > deadline) {
            stoppedEarly = true;
            return;
          }
          const i = seq++;
          const v = (i % villages) + 1;
          // Every 20th title names a road: the text search's matches.
          const title = i % 20 === 0 ? `第${v}村道路修缮${i}` : `在办案件${i}`;
          for (let attempt = 0; ; attempt++) {
            try {
              await startOne(v, title);
              started++;
              break;
            } catch (err) {
              if (attempt >= 3) throw err;
              await new Promise((r) => setTimeout(r, 1000));
            }
          }
          if (Date.now() - lastLog > 15_000) {
            lastLog = Date.now();
            log(`  (c) ${started} real cases started`);
          }
        });
      // Through HTTP: the start answers once the case is in the read model (read-your-writes).
      await startCases(viaApi, opts.concurrency ?? 16, async (v, title) => {
        const r = await villageUsers[v - 1]!.post<{ caseId: string }>('/api/cases', { procedure: 'bench-task', title, orgUnit: villageId(v) });
        if (r.status !== 201) throw new Error(`start: ${r.status} ${JSON.stringify(r.body)}`);
        lat.push(r.ms);
      });
      const startSeconds = (performance.now() - t0) / 1000;
      const rest = need - viaApi;
      if (rest > 0 && !stoppedEarly) {
        log(`  (c) starting ${rest} more real cases through startCase (no HTTP), concurrency 48 …`);
        await startCases(rest, 48, (v, title) => direct.start(v, title).then(() => undefined));
      }
      // Every started case has its open task in the read model.
      let real = await realInModel();
      while (real < started && Date.now() < deadline + 600_000) {
        await new Promise((r) => setTimeout(r, 2000));
        const now = await realInModel();
        if (now === real) log(`  (c) worker catching up: ${now}/${started} cases with their task in the read model`);
        real = now;
      }
      const caughtUp = (performance.now() - t0) / 1000;
      let generated: LevelResult['generated'] = null;
      if (fillNeed > 0 && !stoppedEarly) {
        log(`  (c) generating ${fillNeed} open cases as read-model rows (not run by the worker) …`);
        const fill = await fillProjection(db, {
          cases: fillNeed,
          units: Array.from({ length: villages }, (_, i) => ({ id: villageId(i + 1), chain: [villageId(i + 1), 'btown', 'bcounty'] })),
          procedures: [{ key: 'bench-task', nodeId: 'handle', nodeName: '村委办理', role: 'VIL_COMM' }],
          tag: `${target}-${Date.now().toString(36)}`,
          handlers: villageUsers.map((_, i) => villageUser(i + 1)),
          log,
        });
        generatedRows += fill.cases;
        generatedOpen += fill.open;
        generated = { rows: generatedRows, open: generatedOpen, seconds: fill.seconds };
      }
      const open = await openInModel();
      log(`  (c) level ${target}: ${open} open cases in the read model (${real} real, ${generatedOpen} generated); querying …`);

      const lag = (
        await db.query<{ n: string; p50: number; p95: number; p99: number; max: number }>(
          `SELECT count(*) AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
           FROM (SELECT extract(epoch FROM (projected_at - state_at)) * 1000 AS ms FROM proj_cases WHERE source = 'workflow') x`,
        )
      )[0]!;

      // ── queries, one at a time, by real users
      const timed = async (n: number, fn: (i: number) => Promise<{ status: number; ms: number; body: unknown }>, what: string) => {
        const ms: number[] = [];
        for (let i = 0; i < n; i++) {
          const r = await fn(i);
          if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
          if (i > 0 || n === 1) ms.push(r.ms); // the first: warm-up
        }
        return ms;
      };
      let items = 0;
      const inboxMs = await timed(opts.samples + 1, async (i) => {
        const r = await villageUsers[(i * 7) % villages]!.get<{ items: unknown[]; total: number }>('/api/inbox?tab=todo&sort=due&pageSize=50');
        items += r.body?.total ?? 0;
        return r;
      }, 'inbox');
      let matches = 0;
      const listMs = await timed(opts.samples + 1, async () => {
        const r = await supervisor.get<{ total: number }>(`/api/cases?procedure=bench-task&status=open&q=${encodeURIComponent('道路修缮')}&sort=due&pageSize=50`);
        matches = r.body?.total ?? 0;
        return r;
      }, 'case list');
      const few = Math.max(3, Math.min(opts.samples, 20));
      let counted = 0;
      const boardMs = await timed(few + 1, async () => {
        const r = await supervisor.get<{ totals: { green: number; yellow: number; red: number } }>('/api/monitor/board');
        counted = r.body ? r.body.totals.green + r.body.totals.yellow + r.body.totals.red : 0;
        return r;
      }, 'board');
      const overdueMs = await timed(few + 1, () => supervisor.get('/api/monitor/overdue?pageSize=50'), 'overdue');
      const reportMs = await timed(Math.max(3, Math.min(opts.samples, 10)) + 1, () => supervisor.get('/api/reports/cases'), 'report');
      const level: LevelResult = {
        targetOpen: target,
        openReached: open,
        reachedTarget: open >= target,
        realOpen: real,
        generated,
        start: { cases: lat.length, seconds: round(startSeconds, 1), apiCasesPerSecond: round(lat.length / startSeconds, 1), startLatencyMs: summarize(lat) },
        caughtUpSeconds: round(caughtUp, 1),
        endToEndCasesPerSecond: round(need / caughtUp, 1),
        projectionLagMs: { rows: Number(lag.n), p50: round(Number(lag.p50), 1), p95: round(Number(lag.p95), 1), p99: round(Number(lag.p99), 1), max: round(Number(lag.max), 1) },
        inbox: { ...summarize(inboxMs), itemsPerUser: round(items / (opts.samples + 1), 0), pageSize: 50 },
        caseList: { ...summarize(listMs), matches },
        monitorBoard: { ...summarize(boardMs), casesCounted: counted },
        overdue: summarize(overdueMs),
        report: summarize(reportMs),
        memoryMiB: {
          worker: stack.worker ? round(rssMiB(workerPid()), 0) : null,
          workerBaseline: workerBaseline === null ? null : round(workerBaseline, 0),
          temporalServer: round(rssMiB(stack.temporal.pid()), 0),
          apiProcess: round(process.memoryUsage().rss / 2 ** 20, 0),
        },
      };
      results.push(level);
      const p = (s: Summary) => `${round(s.p50, 1)} / ${round(s.p95, 1)}`;
      const label = `${open.toLocaleString('en')} open`;
      const made = generated ? `; ${level.realOpen.toLocaleString('en')} real + ${generatedOpen.toLocaleString('en')} generated read-model rows` : `; all ${level.realOpen.toLocaleString('en')} real`;
      const full = open >= target;
      if (lat.length > 0) {
        rows.push(
          { metric: `[${label}] case start via API, answered once in the read model (cases/s)`, value: String(level.start.apiCasesPerSecond), note: `p50/p95 ${round(level.start.startLatencyMs.p50, 0)}/${round(level.start.startLatencyMs.p95, 0)} ms per start; ${lat.length} via the API, ${need - lat.length} via startCase` },
          { metric: `[${label}] start → task in the read model, end to end (cases/s)`, value: String(level.endToEndCasesPerSecond) },
        );
      }
      rows.push(
        { metric: `[${label}] projection lag, at rest → row committed p50/p99 (ms)`, value: `${level.projectionLagMs.p50} / ${level.projectionLagMs.p99}`, target: `p99 ≤ ${LAG_TARGET_MS}`, met: level.projectionLagMs.rows > 0 ? level.projectionLagMs.p99 <= LAG_TARGET_MS : null, note: `${level.projectionLagMs.rows} rows written by workflows; max ${level.projectionLagMs.max} ms` },
        { metric: `[${label}] inbox first page (50 by due) p50/p95 (ms)`, value: p(level.inbox), target: `p95 ≤ ${INBOX_TARGET_MS}`, met: full ? level.inbox.p95 <= INBOX_TARGET_MS : null, note: `${level.inbox.itemsPerUser} open items per clerk${made}` },
        { metric: `[${label}] case list, filter + text search p50/p95 (ms)`, value: p(level.caseList), target: `p95 ≤ ${LIST_TARGET_MS}`, met: full ? level.caseList.p95 <= LIST_TARGET_MS : null, note: `${matches} matches of “道路修缮”, page of 50 with the total` },
        { metric: `[${label}] monitor board p50/p95 (ms)`, value: p(level.monitorBoard), target: `p95 ≤ ${BOARD_TARGET_MS}`, met: full ? level.monitorBoard.p95 <= BOARD_TARGET_MS : null, note: `${counted} open cases counted (all of them)` },
        { metric: `[${label}] overdue list (50/page) p50/p95 (ms)`, value: p(level.overdue) },
        { metric: `[${label}] report, 30 days p50/max (ms)`, value: `${round(level.report.p50, 1)} / ${round(level.report.max, 1)}`, target: `≤ ${REPORT_TARGET_MS}`, met: full ? level.report.max <= REPORT_TARGET_MS : null },
        {
          metric: `[${label}] worker RSS (MiB)`,
          value: level.memoryMiB.worker === null ? 'n/a (in-process)' : String(level.memoryMiB.worker),
          target: target >= 10_000 ? '≤ 500 MB' : undefined,
          met: target >= 10_000 && level.memoryMiB.worker !== null && level.realOpen >= 10_000 ? level.memoryMiB.worker * 1.048576 <= 500 : null,
          note: `baseline ${level.memoryMiB.workerBaseline} MiB; it runs the ${level.realOpen} real cases`,
        },
        { metric: `[${label}] Temporal server RSS (MiB)`, value: String(level.memoryMiB.temporalServer), note: 'dev server, SQLite file' },
      );
      if (stoppedEarly) break;
    }
    return { levels: results, rows };
  } finally {
    await direct.close();
    await conn.close();
  }
}

/** The API's startCase on the bench database and org tree, for a village clerk. */
function directStarter(stack: BenchStack, db: Db, client: Client, villages: number) {
  const tree = new OrgTree(benchDirectory(villages).units.map((u) => ({ id: u.id, name: u.name, level: u.level, parentId: u.parentId ?? u.parent ?? null })));
  const ctx = { db, org: { tree, reload: async () => undefined }, temporal: { client }, projection: createProjectionStore(db), log: pino({ level: 'silent' }) } as unknown as AppContext;
  const clerk = (v: number) =>
    ({ id: villageUser(v), username: villageUser(v), name: `村委${v}`, grants: [{ role: 'VIL_COMM', orgUnit: villageId(v) }] }) as unknown as Principal;
  void stack;
  return {
    start: (v: number, title: string) => startCase(ctx, clerk(v), { procedure: 'bench-task', title, orgUnit: villageId(v) }),
    close: () => db.close(),
  };
}
