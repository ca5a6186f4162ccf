/**
 * Durability: a worker process killed with SIGKILL in the middle of a case; a new worker on the
 * same task queue picks the case up from history and it finishes correctly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startDevServer, uniqueTaskQueue, workflowBundle } from '../../testkit/temporal.js';
import { approval } from './fixtures/definitions.js';
import { actor, DIRECTORY, startCase, state, USERS, waitForTask } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
let proc: ChildProcess | undefined;

beforeAll(async () => {
  env = await startDevServer();
});

afterAll(async () => {
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
  await env?.teardown();
});

async function startWorkerProcess(address: string, taskQueue: string): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url));
  const bundlePath = join(mkdtempSync(join(tmpdir(), 'jiceng-bundle-')), 'workflows.js');
  writeFileSync(bundlePath, (await workflowBundle()).code);
  const child = spawn(process.execPath, ['--import', 'tsx', script, address, taskQueue, bundlePath], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`worker process not ready: ${err}`)), 150_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited ${code}: ${err}`));
    });
  });
}

describe('worker crash', () => {
  it('a worker process killed with SIGKILL mid-case: a new worker finishes the case from history', async () => {
    const taskQueue = uniqueTaskQueue('crash');
    proc = await startWorkerProcess(env.address, taskQueue);
    const h = await startCase(env, taskQueue, approval, { data: { summary: '修路', amount: 20000 } });
    const draft = await waitForTask(h, 'draft');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: draft.id }] });
    const review = await waitForTask(h, 'review');

    proc.kill('SIGKILL');
    await new Promise((r) => proc?.once('exit', r));
    expect(proc.signalCode).toBe('SIGKILL');

    const worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier: createMemoryNotifier() } });
    const outcome = await worker.runUntil(async () => {
      const r = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'approve' }] });
      const town = r.state.tasks.find((t) => t.nodeId === 'township' && t.status === 'open');
      expect(town).toBeTruthy();
      await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('boss'), taskId: town?.id ?? '' }] });
      return { result: await h.result(), s: await state(h) };
    });
    expect(outcome.result).toMatchObject({ status: 'completed', outcome: 'adopted' });
    expect(outcome.result.data.total).toBe(40000);
    expect(outcome.s.path).toEqual(['start', 'draft', 'review', 'gw', 'township', 'calc', 'adopted']);
  });
});
