/**
 * The real `jiceng` command run as a child process against a test's Temporal server and worker
 * (asynchronous: the worker in the test's process must keep working meanwhile), and a poll for
 * what becomes true eventually (visibility, a case reaching a step).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TEST_CODEC_KEY } from './temporal.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliTarget {
  env: () => TestWorkflowEnvironment;
  taskQueue: string;
  /** The users and units file (JICENG_DIRECTORY). */
  directory: string;
  /** More environment, e.g. JICENG_PROCEDURES_DIR. */
  extra?: Record<string, string>;
}

export function jicengRunner(target: CliTarget): (extraEnv: Record<string, string>, ...args: string[]) => Promise<CliRun> {
  return (extraEnv, ...args) =>
    new Promise((resolve, reject) => {
      const env = target.env();
      const child = spawn(process.execPath, ['bin/jiceng.js', ...args], {
        cwd: ROOT,
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: env.address,
          TEMPORAL_NAMESPACE: env.namespace ?? 'default',
          JICENG_TASK_QUEUE: target.taskQueue,
          JICENG_CODEC_KEY: TEST_CODEC_KEY,
          JICENG_DIRECTORY: target.directory,
          ...target.extra,
          ...extraEnv,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
}

/** Polls `fn` every half second until it returns something other than undefined. */
export async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
