/**
 * `npm run soak`: cases of mixed procedures driven through the API by real user sessions while the
 * worker process is SIGKILLed at random moments and the Temporal server is restarted once; then
 * every case is checked against the end it must reach, no task may have been completed twice, and
 * no notification may have left the system twice. Last, 100 concurrent completions of one task:
 * exactly one may succeed. Prints the counts; exits 1 when an invariant is broken.
 *
 * Topology (why): the API runs in this process with runWorker:false, the worker in its own
 * process (bench/worker-process.ts = worker/main.ts + a recording notification channel), the app
 * DB is PostgreSQL (DATABASE_URL, or a throwaway Debian-packaged server). With PGlite only one
 * process can open the database, so killing "the worker" would kill the API too: the soak needs
 * PostgreSQL and says so. The Temporal dev server keeps its state in a SQLite file so a restart
 * loses nothing, as a real cluster's database would.
 *
 *   npm run soak                      # 1,000 cases, a kill every 5–20 s, one server restart
 *   npm run soak -- --quick           # 30 cases, 1 kill, 1 restart (CI)
 *   npm run soak -- --cases 2000 --concurrency 24
 *   npm run soak -- --topology prod   # on the production topology: Temporal server 1.32 on
 *                                     # PostgreSQL (prod-split: four processes), restarted the same way
 */
import { Client, Connection } from '@temporalio/client';
import { createPayloadCodec } from '../temporal/codec.js';
import type { CaseState } from '../workflows/types.js';
import { soakDefinitions } from './fixtures.js';
import type { ApiClient, Res } from './lib/api-client.js';
import { villageId, villageUser } from './lib/directory.js';
import { BENCH_CODEC_KEY, publish, startBenchStack, type BenchStack } from './lib/stack.js';
import { pool, printTable, writeResult, type Row } from './lib/stats.js';
import { interpreterBundle, quietRuntime } from './lib/workers.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { findTemporalCli } from '../temporal/temporal-binary.js';
import { Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { isUpdateOrderNde } from './lib/update-order-nde.js';
import { checkProjection } from './lib/projection-check.js';
import { parseTopology } from './lib/prod-temporal.js';

type Procedure = 'soak-seq' | 'soak-gw' | 'soak-par' | 'soak-auto';
const HUMAN_TASKS: Record<Procedure, number> = { 'soak-seq': 2, 'soak-gw': 1, 'soak-par': 2, 'soak-auto': 0 };
const TERMINAL = new Set(['completed', 'withdrawn', 'terminated', 'failed']);

interface PlannedCase {
  i: number;
  procedure: Procedure;
  village: number;
  amount?: number;
  expectedOutcome: string;
  caseId?: string;
  /** Start requests that failed in a way that may still have started a case. */
  uncertainStarts: number;
  final?: CaseState;
  stuck?: string;
}

function opts() {
  const a = process.argv.slice(2);
  const get = (k: string) => {
    const i = a.indexOf(`--${k}`);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const quick = a.includes('--quick');
  return {
    quick,
    cases: Number(get('cases') ?? (quick ? 30 : 1000)),
    concurrency: Number(get('concurrency') ?? (quick ? 8 : 16)),
    villages: Number(get('villages') ?? 10),
    /** Seconds between worker kills (uniform random in [min, max]). */
    // Quick mode's cases are done in ~20 s: kill early so its one kill does happen.
    killMin: Number(get('kill-min') ?? (quick ? 2 : 5)),
    killMax: Number(get('kill-max') ?? (quick ? 6 : 20)),
    maxKills: Number(get('max-kills') ?? (quick ? 1 : 10_000)),
    seed: Number(get('seed') ?? 42),
    topology: parseTopology(get('topology')),
    /** Result file name (default soak / soak-quick). */
    name: get('name'),
  };
}

/** A small deterministic PRNG so a run can be repeated. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Counters {
  apiErrors: Record<string, number>;
  completions200: Map<string, number>;
  completions409: number;
  startRetries: number;
  workerKills: number;
  serverRestarts: number;
}

/** Calls the API, retrying while the system is down (network errors, 5xx). */
async function resilient<T>(c: Counters, what: string, fn: () => Promise<Res<T>>, untilMs = 300_000): Promise<Res<T>> {
  const end = Date.now() + untilMs;
  let last = '';
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await fn();
      if (r.status < 500) return r;
      c.apiErrors[`${what} ${r.status}`] = (c.apiErrors[`${what} ${r.status}`] ?? 0) + 1;
      last = `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
    } catch (err) {
      const k = `${what} ${(err as Error).name === 'TimeoutError' ? 'timeout' : 'network'}`;
      c.apiErrors[k] = (c.apiErrors[k] ?? 0) + 1;
      last = k;
    }
    if (Date.now() > end) throw new Error(`${what}: still failing after ${untilMs / 1000} s (last: ${last})`);
    await sleep(Math.min(5000, 200 * 2 ** Math.min(attempt, 5)));
  }
}

async function driveCase(pc: PlannedCase, users: { village: ApiClient[]; sec: ApiClient }, c: Counters, runTag: string): Promise<void> {
  const starter = users.village[pc.village - 1]!;
  const title = `压测${runTag}-${pc.i}`;
  // Start. A start that timed out may have started a case anyway: counted, found later.
  for (;;) {
    try {
      const r = await starter.call<{ caseId: string }>('POST', '/api/cases', { procedure: pc.procedure, title, orgUnit: villageId(pc.village) }, 30_000);
      if (r.status === 201) {
        pc.caseId = r.body.caseId;
        break;
      }
      if (r.status < 500) throw new Error(`start ${pc.procedure}: ${r.status} ${JSON.stringify(r.body)}`);
      c.apiErrors[`start ${r.status}`] = (c.apiErrors[`start ${r.status}`] ?? 0) + 1;
    } catch (err) {
      if ((err as Error).message.startsWith('start ')) throw err;
      pc.uncertainStarts++;
      c.apiErrors['start network'] = (c.apiErrors['start network'] ?? 0) + 1;
    }
    c.startRetries++;
    await sleep(1000);
  }
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    const r = await resilient(c, 'detail', () => starter.call<CaseState>('GET', `/api/cases/${pc.caseId}`, undefined, 30_000));
    if (r.status !== 200) throw new Error(`detail ${pc.caseId}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    const state = r.body;
    if (TERMINAL.has(state.status)) {
      pc.final = state;
      return;
    }
    const open = state.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
    for (const t of open) {
      const user = t.candidateGrants.some((g) => g.role === 'TWN_SEC') ? users.sec : starter;
      const data = pc.procedure === 'soak-gw' ? { amount: pc.amount } : {};
      let res: Res<unknown> | undefined;
      try {
        res = await user.call('POST', `/api/tasks/${pc.caseId}/${t.id}/complete`, { data }, 30_000);
      } catch (err) {
        const k = `complete ${(err as Error).name === 'TimeoutError' ? 'timeout' : 'network'}`;
        c.apiErrors[k] = (c.apiErrors[k] ?? 0) + 1;
      }
      if (res?.status === 200) {
        const key = `${pc.caseId}/${t.id}`;
        c.completions200.set(key, (c.completions200.get(key) ?? 0) + 1);
      } else if (res?.status === 409) c.completions409++;
      else if (res && res.status >= 500) c.apiErrors[`complete ${res.status}`] = (c.apiErrors[`complete ${res.status}`] ?? 0) + 1;
      else if (res) throw new Error(`complete ${pc.caseId}/${t.id}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    await sleep(open.length ? 100 : 400);
  }
  pc.stuck = 'not finished within 15 minutes';
}

/** What a stuck case looks like after the faults: enough to tell a slow recovery from an engine bug. */
async function postMortem(client: Client, address: string, caseId: string): Promise<string> {
  const parts: string[] = [];
  const handle = client.workflow.getHandle(caseId);
  try {
    const d = await handle.describe();
    const pending = d.raw.pendingWorkflowTask;
    parts.push(`status ${d.status.name}, ${d.historyLength} events${pending ? `, pending workflow task ${String(pending.state)} attempt ${pending.attempt}` : ''}`);
  } catch (err) {
    parts.push(`describe failed: ${(err as Error).message}`);
  }
  try {
    const state = await client.connection.withDeadline(Date.now() + 20_000, () => handle.query<CaseState>('state'));
    parts.push(`query now answers: ${state.status}/${state.outcome ?? '-'}, open tasks ${state.tasks.filter((t) => t.status === 'open').length}`);
  } catch (err) {
    parts.push(`query still fails: ${(err as Error).message.slice(0, 200)}`);
  }
  try {
    const h = await handle.fetchHistory();
    const events = h.events ?? [];
    const failed = events.filter((e) => e.workflowTaskFailedEventAttributes);
    const timedOut = events.filter((e) => e.workflowTaskTimedOutEventAttributes).length;
    const lastFail = failed[failed.length - 1]?.workflowTaskFailedEventAttributes?.failure;
    parts.push(`workflow task failures ${failed.length}${lastFail ? ` (last: ${lastFail.message?.slice(0, 300)})` : ''}, timeouts ${timedOut}`);
    try {
      const dataConverter = { payloadCodecs: [await createPayloadCodec(BENCH_CODEC_KEY)] };
      await Worker.runReplayHistory({ workflowBundle: await interpreterBundle(), dataConverter, replayName: caseId }, h);
      parts.push('replays cleanly');
    } catch (err) {
      parts.push(`REPLAY FAILS: ${(err as Error).message.slice(0, 300)}`);
    }
    const saved = saveHistory(address, caseId);
    if (saved) parts.push(`history in ${saved}`);
  } catch (err) {
    parts.push(`history unavailable: ${(err as Error).message}`);
  }
  return parts.join('; ');
}

/**
 * Replay every ended case's history (batch replayer, one bundle); failing histories are kept.
 * A failure of the known update-ordering kind (lib/update-order-nde.ts) is told apart.
 */
async function replayAllCases(address: string, caseIds: string[]): Promise<{ replayed: number; failures: { caseId: string; message: string; updateOrder: boolean }[] }> {
  const connection = await Connection.connect({ address });
  const dataConverter = { payloadCodecs: [await createPayloadCodec(BENCH_CODEC_KEY)] };
  const client = new Client({ connection, dataConverter });
  const failures: { caseId: string; message: string; updateOrder: boolean }[] = [];
  const events = new Map<string, temporal.api.history.v1.IHistoryEvent[]>();
  let replayed = 0;
  try {
    async function* histories() {
      for (const workflowId of caseIds) {
        const history = await client.workflow.getHandle(workflowId).fetchHistory();
        events.set(workflowId, history.events ?? []);
        yield { workflowId, history };
      }
    }
    for await (const r of Worker.runReplayHistories({ workflowBundle: await interpreterBundle(), dataConverter, replayName: 'soak-replay' }, histories())) {
      replayed++;
      if (r.error) failures.push({ caseId: r.workflowId, message: r.error.message.slice(0, 300), updateOrder: isUpdateOrderNde(events.get(r.workflowId) ?? [], r.error.message) });
      events.delete(r.workflowId);
    }
    for (const f of failures.slice(0, 10)) saveHistory(address, f.caseId);
  } finally {
    await connection.close();
  }
  return { replayed, failures };
}

/** Keep a case's history as the Temporal CLI exports it (the format tests/histories/ replays). */
function saveHistory(address: string, caseId: string): string | undefined {
  const cli = findTemporalCli().executable;
  if (cli.type !== 'existing-path') return undefined;
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results', 'soak-stuck');
  mkdirSync(dir, { recursive: true });
  const json = execFileSync(cli.path, ['workflow', 'show', '--workflow-id', caseId, '--address', address, '--output', 'json'], { maxBuffer: 64 << 20 });
  writeFileSync(join(dir, `${caseId}.json`), json);
  return `bench/results/soak-stuck/${caseId}.json`;
}

async function chaos(stack: BenchStack, c: Counters, o: ReturnType<typeof opts>, progress: () => number, done: () => boolean, random: () => number): Promise<void> {
  let restarted = false;
  while (!done()) {
    const wait = (o.killMin + random() * (o.killMax - o.killMin)) * 1000;
    const until = Date.now() + wait;
    while (Date.now() < until && !done()) {
      await sleep(250);
      // The Temporal server restart, once, a third of the way through.
      if (!restarted && progress() >= 0.33) {
        restarted = true;
        console.log(`  [chaos] restarting the Temporal server (SIGTERM, started again on the same ports and database) at ${Math.round(progress() * 100)}%`);
        await stack.temporal.restart('SIGTERM');
        c.serverRestarts++;
      }
    }
    if (done() || c.workerKills >= o.maxKills) continue;
    await stack.worker!.kill('SIGKILL');
    c.workerKills++;
    const down = 500 + random() * 2500;
    console.log(`  [chaos] worker SIGKILLed (#${c.workerKills}) at ${Math.round(progress() * 100)}%, restarting in ${Math.round(down)} ms`);
    await sleep(down);
    await stack.worker!.start();
  }
  if (!restarted) {
    await stack.temporal.restart('SIGTERM');
    c.serverRestarts++;
  }
}

interface RaceResult {
  procedure: string;
  ok: number;
  conflict: number;
  other: Record<string, number>;
}

/** n sessions of the same clerk press 办理 on one task at once, as if n tabs were open. */
async function concurrentCompletions(stack: BenchStack, users: { village: ApiClient[] }, procedure: 'soak-seq' | 'soak-gw', n: number): Promise<RaceResult> {
  const u = users.village[0]!;
  const r = await u.post<{ caseId: string }>('/api/cases', { procedure, title: `并发办理${procedure}`, orgUnit: villageId(1) });
  if (r.status !== 201) throw new Error(`start: ${r.status}`);
  let taskId: string | undefined;
  for (let i = 0; i < 300 && !taskId; i++) {
    const d = await u.get<CaseState>(`/api/cases/${r.body.caseId}`);
    taskId = d.body.tasks?.find((t) => t.status === 'open')?.id;
    if (!taskId) await sleep(100);
  }
  if (!taskId) throw new Error('no open task for the concurrency check');
  // Ten tabs of one clerk, signed in one after another: logins are counted before the password is
  // checked (server/auth/login-throttle.ts), so ten at once would lock the account like a guesser.
  const sessions: ApiClient[] = [];
  for (let i = 0; i < 10; i++) sessions.push(await stack.login(villageUser(1)));
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) => sessions[i % sessions.length]!.call('POST', `/api/tasks/${r.body.caseId}/${taskId}/complete`, { data: procedure === 'soak-gw' ? { amount: 1 } : {} }, 60_000).catch((e: Error) => ({ status: -1, body: e.message, ms: 0 }))),
  );
  const other: Record<string, number> = {};
  let ok = 0;
  let conflict = 0;
  for (const x of results) {
    if (x.status === 200) ok++;
    else if (x.status === 409) conflict++;
    else other[String(x.status)] = (other[String(x.status)] ?? 0) + 1;
  }
  return { procedure, ok, conflict, other };
}

let closing = false;
// Requests still retrying inside the API's Temporal client when the stack closes must not crash the report.
process.on('uncaughtException', (err) => {
  if (closing) return;
  console.error('uncaught:', err);
  process.exit(1);
});

async function main(): Promise<void> {
  const o = opts();
  quietRuntime();
  const random = rng(o.seed);
  const t0 = Date.now();
  console.log(`soak: ${o.cases} cases, concurrency ${o.concurrency}, worker kills every ${o.killMin}–${o.killMax} s${o.quick ? ' (max 1)' : ''}, one Temporal restart`);
  const stack = await startBenchStack({ villages: o.villages, temporalDbFile: true, requireSeparateWorker: true, recordSends: true, logLevel: 'silent', topology: o.topology });
  console.log(`stack: ${stack.mode}; ${stack.temporalServer} at ${stack.temporal.address}; API ${stack.url}; worker pid ${stack.worker?.pid()}`);
  const counters: Counters = { apiErrors: {}, completions200: new Map(), completions409: 0, startRetries: 0, workerKills: 0, serverRestarts: 0 };
  const violations: string[] = [];
  const rows: Row[] = [];
  const races: RaceResult[] = [];
  /** Contract mismatches that are not safety violations (reported, do not fail the run). */
  const warnings: string[] = [];
  /** Ended cases whose history fails only on the known update ordering (lib/update-order-nde.ts). */
  let updateOrder = 0;
  const planned: PlannedCase[] = [];
  try {
    const admin = await stack.login('badmin');
    for (const d of soakDefinitions()) await publish(admin, d);
    const users = { village: [] as ApiClient[], sec: await stack.login('bsec') };
    for (let v = 1; v <= o.villages; v++) users.village.push(await stack.login(villageUser(v)));
    const procs: Procedure[] = ['soak-seq', 'soak-gw', 'soak-par', 'soak-auto'];
    for (let i = 0; i < o.cases; i++) {
      const procedure = procs[i % procs.length]!;
      const amount = procedure === 'soak-gw' ? Math.round(random() * 100_000) : undefined;
      const expectedOutcome = procedure === 'soak-gw' ? (amount! > 50_000 ? 'big' : 'small') : 'done';
      planned.push({ i, procedure, village: (i % o.villages) + 1, amount, expectedOutcome, uncertainStarts: 0 });
    }
    const runTag = Date.now().toString(36);
    let finished = 0;
    let allDone = false;
    const chaosRun = chaos(stack, counters, o, () => finished / o.cases, () => allDone, random);
    let lastLog = Date.now();
    await pool(planned, o.concurrency, async (pc) => {
      // One stuck case is a finding, not a reason to stop driving the others.
      await driveCase(pc, users, counters, runTag).catch((err: unknown) => {
        pc.stuck = err instanceof Error ? err.message : String(err);
      });
      finished++;
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        console.log(`  ${finished}/${o.cases} cases finished (${Math.round((Date.now() - t0) / 1000)} s)`);
      }
    });
    allDone = true;
    await chaosRun;
    if (!stack.worker!.alive()) await stack.worker!.start();

    // ── invariants
    const byOutcome: Record<string, number> = {};
    let tasksDone = 0;
    for (const pc of planned) {
      const s = pc.final;
      if (!s) {
        violations.push(`case ${pc.i} (${pc.procedure}) ${pc.caseId ?? 'not started'}: ${pc.stuck ?? 'no final state'}`);
        continue;
      }
      byOutcome[`${pc.procedure} → ${s.status}/${s.outcome}`] = (byOutcome[`${pc.procedure} → ${s.status}/${s.outcome}`] ?? 0) + 1;
      if (s.status !== 'completed' || s.outcome !== pc.expectedOutcome) violations.push(`case ${pc.caseId} (${pc.procedure}) ended ${s.status}/${s.outcome}, expected completed/${pc.expectedOutcome}`);
      const completedEvents = new Map<string, number>();
      for (const e of s.timeline) if (e.type === 'task.completed' && e.taskId) completedEvents.set(e.taskId, (completedEvents.get(e.taskId) ?? 0) + 1);
      for (const [task, n] of completedEvents) if (n > 1) violations.push(`case ${pc.caseId}: task ${task} completed ${n} times in the timeline`);
      const done = s.tasks.filter((t) => t.status === 'done').length;
      tasksDone += done;
      if (done !== HUMAN_TASKS[pc.procedure]) violations.push(`case ${pc.caseId}: ${done} tasks done, expected ${HUMAN_TASKS[pc.procedure]}`);
    }
    for (const [key, n] of counters.completions200) if (n > 1) violations.push(`task ${key}: ${n} completions answered 200`);

    // Why a case got stuck, looked at once the faults are over: its status and pending workflow
    // task, a direct query, the last events, and a replay of its history (nondeterminism shows
    // there). The history is kept in bench/results/soak-stuck/ for a replay test.
    const stuck = planned.filter((p) => p.stuck && p.caseId);
    if (stuck.length) {
      const conn0 = await Connection.connect({ address: stack.temporal.address });
      const c0 = new Client({ connection: conn0, dataConverter: { payloadCodecs: [await createPayloadCodec(BENCH_CODEC_KEY)] } });
      for (const pc of stuck.slice(0, 10)) {
        violations.push(`case ${pc.caseId}: ${await postMortem(c0, stack.temporal.address, pc.caseId!)}`);
      }
      await conn0.close();
    }

    // Every case's history must replay on the interpreter, also the cases that ended well: a
    // nondeterminism that has not yet bitten (the case was never evicted at the wrong moment)
    // shows here, and its history is kept like a stuck case's.
    const replay = await replayAllCases(stack.temporal.address, planned.filter((p) => p.caseId && !p.stuck).map((p) => p.caseId!));
    for (const f of replay.failures) {
      if (f.updateOrder) warnings.push(`case ${f.caseId} ended as expected, but its history does not replay: a 完成 accepted in the workflow task that also brought an activity result, recorded after the case's command on that result (the SDK core orders them the other way on replay; see bench/lib/update-order-nde.ts) — history in bench/results/soak-stuck/`);
      else violations.push(`case ${f.caseId} ended but its history does not replay: ${f.message}`);
    }
    updateOrder = replay.failures.filter((f) => f.updateOrder).length;

    // The read model: every case's projection equals the case's own state, after every fault.
    const projection = await checkProjection(stack.temporal.address, stack.databaseUrl!, planned.filter((p) => p.caseId && p.final).map((p) => p.caseId!));
    for (const m of projection.mismatches.slice(0, 50)) violations.push(`read model: ${m}`);
    for (const u of projection.unreadable.slice(0, 10)) warnings.push(`read model check could not read ${u}`);


    // Cases started by a start request whose answer was lost: found, reported, not counted as lost.
    const conn = await Connection.connect({ address: stack.temporal.address });
    const client = new Client({ connection: conn, dataConverter: { payloadCodecs: [await createPayloadCodec(BENCH_CODEC_KEY)] } });
    // A case whose state already says 办结 can still be running: its last activity (the outcome
    // notice) may have run on a worker that was killed before it reported, and is retried only
    // after its start-to-close timeout (1 min). So wait up to 3 minutes for executions to close;
    // visibility can also lag, so each hit is checked with describe().
    const known = new Set(planned.map((p) => p.caseId));
    const uncertain = planned.reduce((a, p) => a + p.uncertainStarts, 0);
    let stillRunning: string[] = [];
    let driven = 0;
    const waitFrom = Date.now();
    const closeBy = waitFrom + 3 * 60_000;
    for (;;) {
      stillRunning = [];
      driven = 0;
      for await (const w of client.workflow.list({ query: `WorkflowType = 'caseWorkflow' AND ExecutionStatus = 'Running'` })) {
        const d = await client.workflow.getHandle(w.workflowId).describe();
        if (d.status.name !== 'RUNNING') continue;
        const title = typeof d.memo?.title === 'string' ? d.memo.title : '?';
        const acts = (d.raw.pendingActivities ?? []).map((a) => `${a.activityType?.name} attempt ${a.attempt}`).join(', ');
        if (known.has(w.workflowId)) driven++;
        stillRunning.push(`${w.workflowId} 「${title}」 started ${d.startTime.toISOString()}, ${d.historyLength} events${acts ? `, pending ${acts}` : ''}${known.has(w.workflowId) ? ' (a driven case)' : ' (no driver knows it)'}`);
      }
      // Cases behind a start whose answer was lost wait for tasks nobody will do: not waited for.
      if ((driven === 0 && stillRunning.length <= uncertain) || Date.now() > closeBy) break;
      await sleep(2000);
    }
    const closeWait = Math.round((Date.now() - waitFrom) / 1000);
    if (stillRunning.length) console.log(`  still running after 3 min: ${stillRunning.join('; ')}`);
    await conn.close();
    const running = stillRunning.length;
    if (driven > 0 || running > uncertain) violations.push(`${running} cases still running after the soak (only ${uncertain} start requests had an unknown result): ${stillRunning.slice(0, 5).join('; ')}`);

    // Notifications, counted once the executions have closed: a case whose state says 办结 may still
    // be sending its outcome notice (its activity ran on a killed worker and is retried after its
    // timeout), so counting before the wait above misses it. Every send to an outside channel is
    // logged without a unique key.
    const { default: pg } = await import('pg');
    const db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const dup = await db.query<{ key: string; user_id: string; n: string }>('SELECT key, user_id, count(*) AS n FROM bench_sent GROUP BY 1, 2 HAVING count(*) > 1');
    for (const d of dup.rows) violations.push(`notification ${d.key} → ${d.user_id} sent ${d.n} times`);
    const sent = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM bench_sent')).rows[0]!.n);
    const inApp = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM notifications')).rows[0]!.n);
    const ended = Number((await db.query<{ n: string }>("SELECT count(DISTINCT key) AS n FROM notifications WHERE key LIKE '%:ended'")).rows[0]!.n);
    const senders = Number((await db.query<{ n: string }>('SELECT count(DISTINCT pid) AS n FROM bench_sent')).rows[0]!.n);
    await db.end();
    const finishedCases = planned.filter((p) => p.final && TERMINAL.has(p.final.status)).length;
    if (ended < finishedCases) violations.push(`only ${ended} outcome notifications for ${finishedCases} ended cases`);

    // ── 100 concurrent completions of one task: a case that goes on, and one that ends with it
    for (const proc of ['soak-seq', 'soak-gw'] as const) {
      const race = await concurrentCompletions(stack, users, proc, 100);
      races.push(race);
      if (race.ok !== 1) violations.push(`100 concurrent completions (${proc}): ${race.ok} succeeded (expected exactly 1)`);
      if (race.conflict !== 99) warnings.push(`100 concurrent completions (${proc}): the ${100 - race.ok} losers got ${race.conflict}×409 and ${JSON.stringify(race.other)} — API.md promises 409 for a task already done`);
    }

    const completions = [...counters.completions200.values()].reduce((a, b) => a + b, 0);
    rows.push(
      { metric: 'cases driven through the API', value: String(o.cases) },
      { metric: 'cases ended in their expected state', value: `${planned.filter((p) => p.final?.status === 'completed' && p.final.outcome === p.expectedOutcome).length} / ${o.cases}`, met: violations.every((v) => !v.startsWith('case ')) },
      ...Object.entries(byOutcome).map(([k, n]) => ({ metric: `  ${k}`, value: String(n) })),
      {
        metric: 'histories that replay on the interpreter',
        value: `${replay.replayed - replay.failures.length} / ${replay.replayed}`,
        met: replay.failures.length === updateOrder,
        note: updateOrder ? `${updateOrder} fail on the known update/activity-result ordering after a worker kill (SDK core; see lib/update-order-nde.ts)` : undefined,
      },
      { metric: 'human tasks done (timeline: each completed once)', value: String(tasksDone), met: !violations.some((v) => v.includes('completed') && v.includes('times')) },
      {
        metric: 'read model equals each case’s own state: mismatches',
        value: `${projection.mismatches.length} in ${projection.checked - projection.unreadable.length} cases checked`,
        target: '0',
        met: projection.mismatches.length === 0 && projection.unreadable.length === 0,
        note: 'status, outcome, every task (status, claimant, who completed it), timeline length, sequence number',
      },
      { metric: 'completions answered 200 / 409 (retries after faults)', value: `${completions} / ${counters.completions409}` },
      { metric: 'worker SIGKILLs / worker starts', value: `${counters.workerKills} / ${stack.worker!.starts}` },
      { metric: 'Temporal server restarts', value: String(counters.serverRestarts) },
      { metric: 'notifications in app / sent to the outside channel', value: `${inApp} / ${sent}`, note: `${senders} worker processes sent` },
      { metric: 'notifications sent twice', value: String(dup.rows.length), met: dup.rows.length === 0 },
      { metric: 'start requests with unknown result / still running', value: `${uncertain} / ${running}`, note: closeWait > 1 ? `waited ${closeWait} s for executions whose state had already ended to close` : undefined },
      { metric: 'API errors seen by clients during faults', value: Object.entries(counters.apiErrors).map(([k, n]) => `${k}×${n}`).join(', ') || 'none' },
      ...races.map((r) => ({
        metric: `100 concurrent completions of one task (${r.procedure === 'soak-seq' ? 'case goes on' : 'case ends with it'}): 200 / 409 / other`,
        value: `${r.ok} / ${r.conflict} / ${JSON.stringify(r.other)}`,
        target: 'exactly one 200',
        met: r.ok === 1,
      })),
    );
  } catch (err) {
    console.error('soak aborted:', err);
    violations.push(`aborted: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    closing = true;
    await stack.close();
  }
  printTable(`soak${o.quick ? ' (quick)' : ''}: ${Math.round((Date.now() - t0) / 1000)} s`, rows);
  const file = writeResult(o.name ?? (o.quick ? 'soak-quick' : 'soak'), { command: `npm run soak -- ${process.argv.slice(2).join(' ')}`.trim(), topology: o.topology, options: o, seconds: Math.round((Date.now() - t0) / 1000), table: rows, violations, warnings, races });
  console.log(`\nresults: ${file}`);
  if (warnings.length) {
    console.log(`\n${warnings.length} warning(s):`);
    for (const w of warnings) console.log(`  - ${w}`);
  }
  if (violations.length) {
    console.log(`\n${violations.length} VIOLATIONS:`);
    for (const v of violations.slice(0, 50)) console.log(`  - ${v}`);
    process.exit(1);
  }
  console.log(
    updateOrder > 0
      ? 'soak ok: every case ended as expected, no task completed twice, no notification sent twice; every history replays except the known update-ordering ones listed above'
      : 'soak ok: every case ended as expected and its history replays, no task completed twice, no notification sent twice',
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
