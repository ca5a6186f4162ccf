/**
 * `npm run bench` (full) and `npm run bench:quick` (CI: small counts, proves every benchmark
 * works in a few minutes). Everything runs side by side in one run against one Temporal server:
 *   (a) engine overhead vs a hand-written workflow   (b) task completion via API vs raw update
 *   (c) inbox / case list / board / report on the read model with N open cases, projection lag
 *   (d) case start throughput, memory
 *   (e) the designer with a 300-node definition in Chromium
 * Prints one table and writes bench/results/<name>.json (name: `full` or `quick`, or --name).
 * Options: --quick, --only a,b,c,e, --levels 10000,100000, --budget <seconds for (c)>, --name,
 * --real-cases <n> (default 10000 in full mode: open cases above it are generated read-model rows, bench/lib/projection-fill.ts),
 *   --api-starts <cases per level started over HTTP; the rest through the API's startCase>,
 *   --topology dev|prod|prod-split (the Temporal CLI dev server, default; or the production
 *   topology: Temporal server 1.32 on PostgreSQL, one process or four — bench/lib/prod-temporal.ts).
 * Side by side on both topologies: bench/topologies.ts (npm run bench:topologies).
 * Benchmarks are not tests: nothing here fails on a missed target; the table says met / NO.
 */
import { existsSync } from 'node:fs';
import { validateDefinition } from '../dsl/validate.js';
import { createPayloadCodec } from '../temporal/codec.js';
import { benchCompletionLatency } from './completion-latency.js';
import { benchDesigner, CHROMIUM } from './designer.js';
import { benchEngineOverhead } from './engine-overhead.js';
import { automatedDefinition, largeDefinition, singleTaskDefinition, soakDefinitions } from './fixtures.js';
import { villageUser } from './lib/directory.js';
import { BENCH_CODEC_KEY, publish, startBenchStack } from './lib/stack.js';
import { machineInfo, printTable, writeResult, type Row } from './lib/stats.js';
import { quietRuntime } from './lib/workers.js';
import { benchReadModel } from './c-projection.js';
import { openDb } from '../db/adapter.js';
import { createProjectionStore } from '../db/projection/store.js';
import { parseTopology } from './lib/prod-temporal.js';

function args() {
  const a = process.argv.slice(2);
  const get = (k: string) => {
    const i = a.indexOf(`--${k}`);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const quick = a.includes('--quick');
  return {
    quick,
    only: new Set((get('only') ?? 'a,b,c,e').split(',')),
    levels: (get('levels') ?? (quick ? '200' : '10000,100000')).split(',').map(Number),
    budget: Number(get('budget') ?? (quick ? 120 : 45 * 60)),
    name: get('name') ?? (quick ? 'quick' : 'full'),
    villages: Number(get('villages') ?? (quick ? 10 : 100)),
    /** Cases per level started through HTTP (start throughput); the rest through startCase. */
    apiStarts: Number(get('api-starts') ?? (quick ? 100 : 1000)),
    /** Real open cases at most (the worker runs them); levels above are filled with parked cases. */
    realCases: get('real-cases') === undefined ? (quick ? undefined : 10_000) : Number(get('real-cases')),
    topology: parseTopology(get('topology')),
  };
}

async function main(): Promise<void> {
  const opt = args();
  quietRuntime();
  const t0 = Date.now();
  console.log(`基层流程 benchmarks (${opt.quick ? 'quick' : 'full'}) — ${JSON.stringify(machineInfo())}`);
  for (const d of [automatedDefinition(), singleTaskDefinition(), largeDefinition(), ...soakDefinitions()]) {
    const r = validateDefinition(d);
    if (!r.valid) throw new Error(`fixture ${d.key} is invalid: ${JSON.stringify(r.issues.slice(0, 3))}`);
  }
  const stack = await startBenchStack({ villages: opt.villages, temporalDbFile: true, logLevel: 'silent', topology: opt.topology });
  console.log(`stack: ${stack.mode}; ${stack.temporalServer} at ${stack.temporal.address} (pid ${stack.temporal.pid()}); API ${stack.url}; worker pid ${stack.worker?.pid() ?? 'in-process'}`);
  const all: Row[] = [];
  const results: Record<string, unknown> = { mode: stack.mode, topology: stack.topology, temporalServer: stack.temporalServer, options: opt };
  const section = (title: string, rows: Row[]) => {
    printTable(title, rows);
    all.push(...rows);
  };
  try {
    if (opt.only.has('a')) {
      console.log('\n(a) engine overhead …');
      const dc = { payloadCodecs: [await createPayloadCodec(BENCH_CODEC_KEY)] };
      // The interpreter's worker writes the read model into the bench database, as in production.
      const projectionDb = stack.databaseUrl ? await openDb({ databaseUrl: stack.databaseUrl, dataDir: '' }) : undefined;
      const a = await benchEngineOverhead({ address: stack.temporal.address, dataConverter: dc, cases: opt.quick ? 20 : 500, projection: projectionDb ? createProjectionStore(projectionDb) : undefined }).finally(() => projectionDb?.close());
      results.engineOverhead = a.result;
      section('(a) engine overhead: automated 10-step case, interpreter vs hand-written workflow', a.rows);
    }
    const admin = await stack.login('badmin');
    const supervisor = await stack.login('bsec');
    const villagers = [];
    for (let i = 1; i <= opt.villages; i++) villagers.push(await stack.login(villageUser(i)));
    await publish(admin, singleTaskDefinition());
    if (opt.only.has('b')) {
      console.log('\n(b) task completion latency …');
      const b = await benchCompletionLatency(stack, villagers, opt.quick ? 20 : 200);
      results.apiLatency = b.result;
      section('(b) task completion: through the API vs raw executeUpdate on the same workflow', b.rows);
    }
    if (opt.only.has('e')) {
      if (existsSync(CHROMIUM)) {
        console.log('\n(e) designer …');
        const e = await benchDesigner(stack.url, admin, opt.quick ? 1 : 5);
        results.designer = e.result;
        section('(e) designer: 300-node definition in Chromium', e.rows);
      } else {
        console.log(`\n(e) skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
        results.designer = { skipped: `no Chromium at ${CHROMIUM}` };
      }
    }
    if (opt.only.has('c')) {
      console.log(`\n(c)+(d) open cases ${opt.levels.join(', ')} (budget ${opt.budget} s) …`);
      const c = await benchReadModel(stack, villagers, supervisor, { levels: opt.levels, budgetSeconds: opt.budget, samples: opt.quick ? 10 : 50, apiStarts: opt.apiStarts, realCases: opt.realCases });
      results.queries = c.levels;
      section('(c)+(d) the read model: queries, projection lag, start throughput and memory with open cases', c.rows);
    }
  } finally {
    await stack.close();
  }
  results.seconds = Math.round((Date.now() - t0) / 1000);
  results.table = all;
  const file = writeResult(opt.name, results);
  console.log(`\nall benchmarks done in ${results.seconds} s; results: ${file}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
