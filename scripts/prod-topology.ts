/**
 * `npm run prod:up | prod:down | prod:status | prod:build` — the production topology natively, on
 * one Debian machine without Docker: PostgreSQL (Debian's packages), the real Temporal server built
 * from the Go module proxy (one process, or frontend/history/matching/worker processes with
 * --split), our worker process(es) and the API with the web app. State, logs and pid files under
 * data/prod/ (JICENG_PROD_DIR). README "Proof and deployment" says what runs where.
 */
import { Command } from 'commander';
import { ensureTemporalBinaries } from './prod-topology/binaries.js';
import { paths, settingsFromEnv, type TopologySettings } from './prod-topology/settings.js';
import { down, status, up } from './prod-topology/topology.js';
import { migrateAppDb, startApi, startWorkers, stopApp, waitWorkersPolling } from './prod-topology/app.js';
import { loadOrCreateSecrets } from './prod-topology/settings.js';
import { startTemporalServer, stopTemporalServer, waitTemporalServing } from './prod-topology/temporal.js';

const log = (line: string) => console.log(line);

function settings(o: { split?: boolean; workers?: string; demo?: boolean }): TopologySettings {
  return settingsFromEnv({ layout: o.split ? 'split' : undefined, workers: o.workers ? Number(o.workers) : undefined, seedDemo: o.demo });
}

async function printStatus(s: TopologySettings, opts: { app?: boolean } = {}): Promise<boolean> {
  const rows = await status(s, opts);
  const w = Math.max(...rows.map((r) => r.component.length));
  for (const r of rows) console.log(`  ${r.ok ? 'ok  ' : 'DOWN'}  ${r.component.padEnd(w)}  ${r.detail}`);
  return rows.every((r) => r.ok);
}

function fail(err: unknown): never {
  console.error(`\n✗ ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

const program = new Command('prod-topology').description('the production topology natively (PostgreSQL + Temporal server + workers + API), without Docker');

program
  .command('up')
  .description('bring everything up (idempotent: what runs is left alone)')
  .option('--split', 'Temporal as four processes (frontend, history, matching, worker) instead of one (env TEMPORAL_LAYOUT=split)')
  .option('--workers <n>', 'worker processes (env JICENG_WORKERS, default 1)')
  .option('--demo', 'load the demo county, users and cases on the first start (env JICENG_SEED_DEMO=1)')
  .option('--no-app', 'PostgreSQL and Temporal only')
  .action(async (o: { split?: boolean; workers?: string; demo?: boolean; app: boolean }) => {
    const s = settings(o);
    const t0 = Date.now();
    try {
      await up(s, { app: o.app, detached: true, log });
    } catch (err) {
      fail(err);
    }
    console.log(`\nup in ${Math.round((Date.now() - t0) / 1000)} s:`);
    const ok = await printStatus(s, { app: o.app });
    const p = paths(s);
    console.log(`\n  web app + API  http://127.0.0.1:${s.app.apiPort}   (API docs /api/docs)\n  Temporal       ${'127.0.0.1'}:${s.temporal.ports.frontend.grpc} (gRPC)   metrics :${s.temporal.ports.frontend.metrics}${s.temporal.layout === 'split' ? '–' + s.temporal.ports.worker.metrics : ''}\n  PostgreSQL     127.0.0.1:${s.postgres.port}   secrets ${s.dir}/.env\n  logs           ${p.logs}/   stop: npm run prod:down`);
    process.exit(ok ? 0 : 1);
  });

program
  .command('down')
  .description('stop the API, the workers, the Temporal server and PostgreSQL (data stays)')
  .action(async () => {
    await down(settingsFromEnv(), log).catch(fail);
    process.exit(0);
  });

program
  .command('status')
  .description('health of every component; exit 1 when one is down')
  .option('--workers <n>', 'worker processes expected')
  .action(async (o: { workers?: string }) => {
    process.exit((await printStatus(settings(o))) ? 0 : 1);
  });

program
  .command('restart <what>')
  .description('restart `temporal` (the server process(es), SIGTERM) or `app` (API and workers)')
  .option('--split', 'the layout to start the server in')
  .option('--workers <n>', 'worker processes')
  .action(async (what: string, o: { split?: boolean; workers?: string }) => {
    const s = settings(o);
    try {
      const { secrets } = loadOrCreateSecrets(s);
      if (what === 'temporal') {
        for (const [n, r] of Object.entries(await stopTemporalServer(s))) log(`  ${n}: ${r}`);
        await startTemporalServer(s, secrets, ensureTemporalBinaries(log).binaries, { detached: true });
        await waitTemporalServing(s);
        await waitWorkersPolling(s);
      } else if (what === 'app') {
        for (const [n, r] of Object.entries(await stopApp(s))) log(`  ${n}: ${r}`);
        await migrateAppDb(s, secrets);
        await startWorkers(s, secrets, { detached: true });
        await startApi(s, secrets, { detached: true });
      } else throw new Error(`restart what? \`temporal\` or \`app\`, not \`${what}\``);
    } catch (err) {
      fail(err);
    }
    process.exit((await printStatus(s)) ? 0 : 1);
  });

program
  .command('build')
  .description('only build (or find cached) the Temporal server and SQL tool from the Go module proxy')
  .action(() => {
    try {
      const { binaries, buildSeconds } = ensureTemporalBinaries(log);
      log(`${binaries.server}\n${binaries.sqlTool}\n${buildSeconds ? `built in ${buildSeconds} s` : 'cached (delete the directory to rebuild)'}`);
    } catch (err) {
      fail(err);
    }
  });

await program.parseAsync();
