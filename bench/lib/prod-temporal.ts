/**
 * The production topology for the benchmarks and the soak (`--topology prod` / `prod-split`): the
 * real Temporal server 1.32 on PostgreSQL, started by the same code as `npm run prod:up`
 * (scripts/prod-topology), private to the run — free ports, a throwaway directory — and exposed
 * with the dev server's interface (address, pid, restart, stop), so every benchmark runs unchanged
 * on either. The app database is that PostgreSQL's `jiceng` database, as in production.
 */
import { readFileSync } from 'node:fs';
import { DYNAMIC_CONFIG } from '../../scripts/prod-topology/temporal.js';
import { startPrivateTopology } from '../../scripts/prod-topology/topology.js';
import { TEMPORAL_SERVER_VERSION } from '../../scripts/prod-topology/binaries.js';
import type { DevServer } from './temporal-server.js';

export type Topology = 'dev' | 'prod' | 'prod-split';
export const TOPOLOGIES: readonly Topology[] = ['dev', 'prod', 'prod-split'];

export function parseTopology(v: string | undefined): Topology {
  const t = (v ?? process.env.BENCH_TOPOLOGY ?? 'dev') as Topology;
  if (!TOPOLOGIES.includes(t)) throw new Error(`--topology ${v}: one of ${TOPOLOGIES.join(', ')}`);
  return t;
}

/** What a result file says about the server it measured. */
export function describeTopology(t: Topology): string {
  if (t === 'dev') return 'Temporal CLI dev server (temporal server start-dev, SQLite file)';
  return `Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL (persistence + SQL visibility), ${t === 'prod' ? 'one process' : 'four processes: frontend, history, matching, worker'}`;
}

/**
 * deploy/temporal/dynamicconfig/jiceng.yaml with the two rate limits the bench's dev server also
 * lifts (bench/lib/temporal-server.ts): both topologies then run under the same limits, and the
 * comparison is of the servers, not of their defaults.
 */
function benchDynamicConfig(): string {
  const base = readFileSync(DYNAMIC_CONFIG, 'utf8').replace(/^frontend\.namespaceRPS\.visibility:\n(?:\s+- .*\n)+/m, '');
  return `${base}\n# bench: as the dev server of bench/lib/temporal-server.ts\nfrontend.namespaceRPS.visibility:\n  - value: 2000\nfrontend.namespaceRPS:\n  - value: 100000\n`;
}

export interface ProdTemporal {
  server: DevServer;
  /** postgres://jiceng:…@127.0.0.1:<port>/jiceng on the topology's PostgreSQL. */
  databaseUrl: string;
  coldStartSeconds?: number;
  serverPids(): number[];
}

export async function startProdTemporal(topology: Exclude<Topology, 'dev'>, log: (line: string) => void = () => undefined): Promise<ProdTemporal> {
  const t = await startPrivateTopology({ layout: topology === 'prod' ? 'single' : 'split', dynamicConfigText: benchDynamicConfig(), log });
  const port = Number(t.address.split(':').pop());
  // serverPids beside the dev server's interface: the RSS of all four processes in layout split.
  const server = {
    address: t.address,
    port,
    pid: () => t.serverPid(),
    serverPids: () => t.serverPids(),
    restart: (signal?: NodeJS.Signals) => t.restartTemporal(signal ?? 'SIGKILL'),
    stop: () => t.stop(),
  };
  return { databaseUrl: t.databaseUrl, coldStartSeconds: t.coldStartSeconds, serverPids: () => t.serverPids(), server };
}
