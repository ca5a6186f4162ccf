/**
 * Starts temporal/workflow-host.ts as a child process and keeps it running: a host that dies (a
 * crash in the workflow sandbox aborts its process, see that file) is started again after a
 * back-off of 1 s doubling to 30 s, reset once a host has lived a minute. The API process that
 * calls this keeps serving meanwhile; cases simply wait for their next workflow task.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { PROJECT_ROOT } from './temporal-binary.js';
import { bundleInterpreter } from './worker-options.js';
import type { WorkflowHostConfig } from './workflow-host.js';
import type { ProjectionStore, ProjectionWrite } from '../activities/types.js';

const HOST_ENTRY = fileURLToPath(new URL('./workflow-host.ts', import.meta.url));

export interface WorkflowProcess {
  /** The live host's pid (undefined between a crash and the restart). */
  readonly pid: number | undefined;
  /** Hosts that died without being asked to (each was started again). */
  readonly crashes: number;
  /** Resolves when a host is polling again (at once if one is). */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkflowProcessOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  codecKey: string;
  maxCachedWorkflows: number;
  /** A pre-built bundle (tests share one); otherwise the interpreter is bundled here, once. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Where the host's read-model writes go (its local activity `projectCase`); without one they are dropped. */
  projection?: ProjectionStore;
  /** How long a host may take to start polling (bundle load, connection). */
  startTimeoutMs?: number;
  /** The SDK's log level in the host (WARN: failed workflow tasks and cases show in the API's output). */
  logLevel?: 'ERROR' | 'WARN' | 'INFO';
}

export async function startWorkflowProcess(opts: WorkflowProcessOptions): Promise<WorkflowProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'jiceng-workflows-'));
  const bundlePath = join(dir, 'workflow-bundle.js');
  const bundle = opts.workflowBundle ?? (await bundleInterpreter());
  writeFileSync(bundlePath, bundle.code);
  const config: WorkflowHostConfig = {
    type: 'config',
    address: opts.address,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    codecKey: opts.codecKey,
    bundlePath,
    maxCachedWorkflows: opts.maxCachedWorkflows,
    logLevel: opts.logLevel ?? 'WARN',
  };
  const log = opts.log ?? { warn: (o: object, m: string) => console.warn(m, o), error: (o: object, m: string) => console.error(m, o) };

  let child: ChildProcess | undefined;
  let crashes = 0;
  let stopping = false;
  let backoffMs = 1000;
  let restartTimer: NodeJS.Timeout | undefined;
  let readyNow: Promise<void>;

  const spawnHost = (): Promise<void> => {
    const startedAt = Date.now();
    const c = fork(HOST_ENTRY, [], { cwd: PROJECT_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
    child = c;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('workflow host did not start polling in time')), opts.startTimeoutMs ?? 120_000);
      c.on('message', (m: { type?: string }) => {
        if (m.type !== 'ready') return;
        clearTimeout(timer);
        resolve();
      });
      c.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`workflow host exited before it was ready (code ${code}, signal ${signal})`));
      });
    });
    // The host's local activity writes the read model through this process (see workflow-host.ts).
    c.on('message', (m: { type?: string; id?: number; write?: ProjectionWrite }) => {
      if (m.type !== 'projectCase' || m.id === undefined || !m.write) return;
      const reply = (error?: string) => c.connected && c.send({ type: 'projected', id: m.id, ...(error === undefined ? {} : { error }) });
      Promise.resolve(opts.projection?.write(m.write)).then(
        () => reply(),
        (err: unknown) => reply(err instanceof Error ? err.message : String(err)),
      );
    });
    c.send(config);
    c.once('exit', (code, signal) => {
      if (child === c) child = undefined;
      if (stopping) return;
      crashes += 1;
      // A host that lived a minute was healthy: start again quickly; one that keeps dying waits longer.
      const delay = Date.now() - startedAt > 60_000 ? 1000 : backoffMs;
      backoffMs = Math.min(delay * 2, 30_000);
      log.error({ code, signal, crashes, restartInMs: delay }, 'workflow host process died; the API and activities keep running, restarting it');
      restartTimer = setTimeout(() => {
        readyNow = spawnHost();
        readyNow.catch((err: unknown) => log.warn({ err }, 'workflow host restart failed'));
      }, delay);
    });
    return ready;
  };

  readyNow = spawnHost();
  try {
    await readyNow;
  } catch (err) {
    stopping = true;
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    get pid() {
      return child?.pid;
    },
    get crashes() {
      return crashes;
    },
    ready: () => readyNow,
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const c = child;
      if (c && c.exitCode === null && c.signalCode === null) {
        const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
        if (c.connected) c.send({ type: 'shutdown' });
        const killer = setTimeout(() => c.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
