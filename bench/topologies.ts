/**
 * `npm run bench:topologies`: (a) engine overhead and (b) task completion latency on the Temporal
 * dev server and on the production topology (Temporal server 1.32 on PostgreSQL), side by side in
 * one run. Each topology gets its own fresh stack (Temporal, PostgreSQL, API, worker process) per
 * round, and the rounds alternate the order (dev, prod, then prod, dev …) so a burst of other load
 * on a shared machine falls on both alike. Throughput is summed over the rounds (cases / seconds);
 * latency percentiles are the mean of the rounds' percentiles (the benchmarks report summaries).
 *
 *   npm run bench:topologies                          # dev vs prod: (a) 500 cases, (b) 200 samples, 2 rounds
 *   npm run bench:topologies -- --topologies dev,prod,prod-split --rounds 2 --name topologies-x
 *   npm run bench:topologies -- --quick               # (a) 20, (b) 20, 1 round
 *
 * Writes bench/results/<name>.json (default `topologies`, `topologies-quick`). A benchmark, not a
 * test: nothing fails on a figure.
 */
import { loadavg } from 'node:os';
import { createPayloadCodec } from '../temporal/codec.js';
import { benchCompletionLatency, type CompletionLatencyResult } from './completion-latency.js';
import { benchEngineOverhead, type EngineOverheadResult } from './engine-overhead.js';
import { singleTaskDefinition } from './fixtures.js';
import { villageUser } from './lib/directory.js';
import { parseTopology, type Topology } from './lib/prod-temporal.js';
import { treeRssMiB } from './lib/proc.js';
import { BENCH_CODEC_KEY, publish, startBenchStack } from './lib/stack.js';
import { machineInfo, printTable, round, writeResult, type Row } from './lib/stats.js';
import { quietRuntime } from './lib/workers.js';

function options() {
  const a = process.argv.slice(2);
  const get = (k: string) => {
    const i = a.indexOf(`--${k}`);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const quick = a.includes('--quick');
  const topologies = (get('topologies') ?? 'dev,prod').split(',').map((t) => parseTopology(t));
  return {
    quick,
    topologies,
    rounds: Number(get('rounds') ?? (quick ? 1 : 2)),
    /** (a) cases per topology, over all rounds. */
    cases: Number(get('cases') ?? (quick ? 20 : 500)),
    /** (b) completions per kind (API, raw update) per topology, over all rounds. */
    samples: Number(get('samples') ?? (quick ? 20 : 200)),
    villages: Number(get('villages') ?? 10),
    only: new Set((get('only') ?? 'a,b').split(',')),
    name: get('name') ?? (quick ? 'topologies-quick' : 'topologies'),
  };
}

interface RoundResult {
  topology: Topology;
  round: number;
  startSeconds: number;
  temporalServer: string;
  loadavgBefore: number[];
  loadavgAfter: number[];
  engineOverhead?: EngineOverheadResult;
  completion?: CompletionLatencyResult;
  /** RSS of the Temporal server process(es) at the end of the round. */
  serverRssMiB: number;
}

async function oneRound(topology: Topology, roundNo: number, o: ReturnType<typeof options>): Promise<RoundResult> {
  const loadavgBefore = loadavg().map((l) => Math.round(l * 100) / 100);
  const t0 = Date.now();
  const stack = await startBenchStack({ villages: o.villages, temporalDbFile: true, logLevel: 'silent', topology });
  const startSeconds = round1((Date.now() - t0) / 1000);
  console.log(`\n[${topology} round ${roundNo}] ${stack.temporalServer} at ${stack.temporal.address}, stack up in ${startSeconds} s; API ${stack.url}, worker pid ${stack.worker?.pid()}`);
  const r: RoundResult = { topology, round: roundNo, startSeconds, temporalServer: stack.temporalServer, loadavgBefore, loadavgAfter: [], serverRssMiB: 0 };
  try {
    if (o.only.has('a')) {
      const dc = { payloadCodecs: [await createPayloadCodec(BENCH_CODEC_KEY)] };
      r.engineOverhead = (await benchEngineOverhead({ address: stack.temporal.address, dataConverter: dc, cases: Math.ceil(o.cases / o.rounds) })).result;
      const a = r.engineOverhead;
      console.log(`  (a) interpreter ${a.variants.interpreter.casesPerSecond} cases/s, hand-written ${a.variants.raw.casesPerSecond} cases/s, ratio ${a.ratio}`);
    }
    if (o.only.has('b')) {
      const admin = await stack.login('badmin');
      await publish(admin, singleTaskDefinition());
      const villagers = [];
      for (let i = 1; i <= o.villages; i++) villagers.push(await stack.login(villageUser(i)));
      r.completion = (await benchCompletionLatency(stack, villagers, Math.ceil(o.samples / o.rounds))).result;
      const b = r.completion;
      console.log(`  (b) API p50/p95 ${round(b.api.p50, 0)}/${round(b.api.p95, 0)} ms, raw update ${round(b.raw.p50, 0)}/${round(b.raw.p95, 0)} ms`);
    }
    r.serverRssMiB = Math.round(serverPids(stack).reduce((sum, pid) => sum + treeRssMiB(pid), 0));
  } finally {
    r.loadavgAfter = loadavg().map((l) => Math.round(l * 100) / 100);
    await stack.close();
  }
  return r;
}

function serverPids(stack: Awaited<ReturnType<typeof startBenchStack>>): number[] {
  const withPids = stack.temporal as { serverPids?: () => number[] };
  return withPids.serverPids ? withPids.serverPids() : [stack.temporal.pid()];
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/** One topology's figures over its rounds. */
function aggregate(rs: RoundResult[]) {
  const eo = rs.map((r) => r.engineOverhead).filter((x): x is EngineOverheadResult => !!x);
  const cl = rs.map((r) => r.completion).filter((x): x is CompletionLatencyResult => !!x);
  const tput = (v: 'interpreter' | 'raw') => {
    const cases = eo.reduce((s, x) => s + x.variants[v].cases, 0);
    const secs = eo.reduce((s, x) => s + x.variants[v].seconds, 0);
    return secs ? cases / secs : Number.NaN;
  };
  const lat = (v: 'interpreter' | 'raw', p: 'p50' | 'p95') => mean(eo.map((x) => x.variants[v].latencyMs[p]));
  const comp = (k: 'api' | 'raw', p: 'p50' | 'p95' | 'p99') => mean(cl.map((x) => x[k][p]));
  return {
    rounds: rs.length,
    a: eo.length
      ? {
          cases: eo.reduce((s, x) => s + x.variants.interpreter.cases, 0),
          interpreterCasesPerSecond: round(tput('interpreter'), 2),
          rawCasesPerSecond: round(tput('raw'), 2),
          ratio: round(tput('interpreter') / tput('raw'), 3),
          interpreterLatencyMs: { p50: round(lat('interpreter', 'p50'), 0), p95: round(lat('interpreter', 'p95'), 0) },
          rawLatencyMs: { p50: round(lat('raw', 'p50'), 0), p95: round(lat('raw', 'p95'), 0) },
          historyEvents: eo[0]!.history.interpreter.events,
        }
      : undefined,
    b: cl.length
      ? {
          samples: cl.reduce((s, x) => s + x.samples, 0),
          apiMs: { p50: round(comp('api', 'p50'), 0), p95: round(comp('api', 'p95'), 0), p99: round(comp('api', 'p99'), 0) },
          rawMs: { p50: round(comp('raw', 'p50'), 0), p95: round(comp('raw', 'p95'), 0), p99: round(comp('raw', 'p99'), 0) },
        }
      : undefined,
    startSeconds: round(mean(rs.map((r) => r.startSeconds)), 1),
    serverRssMiB: Math.round(mean(rs.map((r) => r.serverRssMiB))),
    loadavg1: round(mean(rs.flatMap((r) => [r.loadavgBefore[0]!, r.loadavgAfter[0]!])), 1),
  };
}

async function main(): Promise<void> {
  const o = options();
  quietRuntime();
  const t0 = Date.now();
  console.log(`(a)+(b) on ${o.topologies.join(' vs ')}: ${o.rounds} round(s), (a) ${o.cases} cases, (b) ${o.samples} samples per topology — ${JSON.stringify(machineInfo())}`);
  const results: RoundResult[] = [];
  for (let r = 1; r <= o.rounds; r++) {
    const order = r % 2 === 1 ? o.topologies : [...o.topologies].reverse();
    for (const t of order) results.push(await oneRound(t, r, o));
  }
  const agg = Object.fromEntries(o.topologies.map((t) => [t, aggregate(results.filter((x) => x.topology === t))])) as Record<Topology, ReturnType<typeof aggregate>>;

  // The table: one column per topology, and each later topology against the first.
  const [base, ...others] = o.topologies;
  const rows: Row[] = [];
  const line = (metric: string, pick: (g: ReturnType<typeof aggregate>) => number | string | undefined, ratio?: (g: ReturnType<typeof aggregate>) => number | undefined) => {
    const cells = o.topologies.map((t) => `${t}: ${pick(agg[t]) ?? '–'}`);
    const vs = ratio ? others.map((t) => `${t}/${base}: ${fmt(ratio(agg[t]) !== undefined && ratio(agg[base!]) ? ratio(agg[t])! / ratio(agg[base!])! : undefined)}`) : [];
    rows.push({ metric, value: cells.join(' | '), note: vs.join(', ') || undefined });
  };
  const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(2)}×`);
  if (o.only.has('a')) {
    line('(a) interpreter cases/s (10 steps)', (g) => g.a?.interpreterCasesPerSecond, (g) => g.a?.interpreterCasesPerSecond);
    line('(a) hand-written workflow cases/s', (g) => g.a?.rawCasesPerSecond, (g) => g.a?.rawCasesPerSecond);
    line('(a) interpreter / hand-written', (g) => g.a?.ratio);
    line('(a) case latency p50 interpreter (ms)', (g) => g.a?.interpreterLatencyMs.p50, (g) => g.a?.interpreterLatencyMs.p50);
    line('(a) case latency p95 interpreter (ms)', (g) => g.a?.interpreterLatencyMs.p95, (g) => g.a?.interpreterLatencyMs.p95);
    line('(a) case latency p50 / p95 hand-written (ms)', (g) => (g.a ? `${g.a.rawLatencyMs.p50} / ${g.a.rawLatencyMs.p95}` : undefined));
  }
  if (o.only.has('b')) {
    line('(b) complete via API p50 (ms)', (g) => g.b?.apiMs.p50, (g) => g.b?.apiMs.p50);
    line('(b) complete via API p95 (ms)', (g) => g.b?.apiMs.p95, (g) => g.b?.apiMs.p95);
    line('(b) raw executeUpdate p50 (ms)', (g) => g.b?.rawMs.p50, (g) => g.b?.rawMs.p50);
    line('(b) raw executeUpdate p95 (ms)', (g) => g.b?.rawMs.p95, (g) => g.b?.rawMs.p95);
  }
  line('stack start: Temporal + PostgreSQL + API + worker (s)', (g) => g.startSeconds);
  line('Temporal server RSS at the end (MiB)', (g) => g.serverRssMiB);
  line('load average (1 min) during the rounds', (g) => g.loadavg1);
  printTable(`(a)+(b) side by side: ${o.topologies.join(' vs ')} (${o.rounds} round(s), order alternating)`, rows);
  const seconds = Math.round((Date.now() - t0) / 1000);
  const file = writeResult(o.name, {
    command: `npm run bench:topologies -- ${process.argv.slice(2).join(' ')}`.trim(),
    options: { ...o, only: [...o.only] },
    servers: Object.fromEntries(o.topologies.map((t) => [t, results.find((r) => r.topology === t)?.temporalServer])),
    topologies: agg,
    rounds: results,
    seconds,
    table: rows,
  });
  console.log(`\ndone in ${seconds} s; results: ${file}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

