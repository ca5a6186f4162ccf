/**
 * Long-running processes of the native production topology: started in the background with their
 * output appended to a log file and their pid in a pid file, so `prod:up` can be run again (a live
 * process is left alone) and `prod:down` can stop what an earlier `prod:up` started. The benchmarks
 * start the same processes attached (not detached), so they end with the benchmark.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ProcessSpec {
  /** Short name for messages and file names: `temporal`, `worker-1`, `api` … */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
  pidFile: string;
  /** Detached: survives this command (prod:up). Attached: a child of this process (benchmarks). */
  detached: boolean;
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped by its parent) still answers signal 0.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** The pid recorded for a process, if that process is still running. */
export function runningPid(pidFile: string): number | undefined {
  const pid = readPid(pidFile);
  return alive(pid) ? pid : undefined;
}

export function startProcess(spec: ProcessSpec): number {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  mkdirSync(dirname(spec.pidFile), { recursive: true });
  const out = openSync(spec.logFile, 'a');
  try {
    writeFileSync(out, `\n── ${new Date().toISOString()} start ${spec.command} ${spec.args.join(' ')}\n`);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', out, out],
      detached: spec.detached,
    });
    if (!child.pid) throw new Error(`${spec.name}: could not start ${spec.command}`);
    if (spec.detached) child.unref();
    writeFileSync(spec.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(out);
  }
}

/** The last lines of a log file, to show why something did not come up. */
export function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return `(no log at ${file})`;
  // Go stack traces make single log lines kilobytes long: the message is at the start.
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => (l.length > 400 ? `${l.slice(0, 400)} …` : l)).join('\n');
}

/** Sends `signal`, waits for the process to exit, and SIGKILLs it after `timeoutMs`. */
export async function stopPid(pid: number, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<'stopped' | 'killed' | 'not running'> {
  if (!alive(pid)) return 'not running';
  try {
    process.kill(pid, signal);
  } catch {
    return 'not running';
  }
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive(pid)) return 'stopped';
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone meanwhile */
  }
  while (alive(pid)) await sleep(50);
  return 'killed';
}

export async function stopProcess(pidFile: string, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<'stopped' | 'killed' | 'not running'> {
  const pid = readPid(pidFile);
  const r = pid ? await stopPid(pid, signal, timeoutMs) : 'not running';
  rmSync(pidFile, { force: true });
  return r;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `check` until it returns true; fails with `what`, the last error and the log tail when the
 * process dies or the deadline passes.
 */
export async function waitFor(what: string, check: () => Promise<boolean>, opts: { timeoutMs: number; pid?: () => number | undefined; logFile?: string }): Promise<void> {
  const until = Date.now() + opts.timeoutMs;
  let last = '';
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    const pid = opts.pid?.();
    if (opts.pid && !alive(pid)) {
      throw new Error(`${what}: the process exited${last ? ` (last check: ${last})` : ''}${opts.logFile ? `\n── last lines of ${opts.logFile}:\n${tail(opts.logFile)}` : ''}`);
    }
    if (Date.now() > until) {
      throw new Error(`${what}: not ready after ${Math.round(opts.timeoutMs / 1000)} s${last ? ` (last check: ${last})` : ''}${opts.logFile ? `\n── last lines of ${opts.logFile}:\n${tail(opts.logFile)}` : ''}`);
    }
    await sleep(300);
  }
}

/** Runs a command to completion; throws with its output when it fails. */
export function runCommand(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; what: string; logFile?: string }): string {
  const r = spawnSync(command, args, { env: opts.env ?? process.env, cwd: opts.cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (opts.logFile) {
    mkdirSync(dirname(opts.logFile), { recursive: true });
    writeFileSync(opts.logFile, `\n── ${new Date().toISOString()} ${command} ${args.join(' ')}\n${output}`, { flag: 'a' });
  }
  if (r.error) throw new Error(`${opts.what}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${opts.what} failed (exit ${r.status}):\n${output.trimEnd().split('\n').slice(-25).join('\n')}`);
  return output;
}
