/**
 * The `jiceng` CLI drives a real case on a real Temporal dev server and worker: start prints the
 * case id, tasks lists who may act, complete claims and completes (and a stranger is rejected with
 * the engine's code and exit 2), show reports the outcome and the timeline.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import type { CaseState } from '../../workflows/types.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { jicengRunner, until } from '../../testkit/jiceng-cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MINIMAL = 'tests/fixtures/definitions/valid-minimal.json';

const DIRECTORY_FILE = {
  users: [
    { id: 'alice', name: '王发起', grants: [] },
    { id: 'bob', name: '李经办', grants: [{ role: 'CLERK', orgUnit: 'v1' }] },
    { id: 'carol', name: '赵经办', grants: [{ role: 'CLERK', orgUnit: 'v1' }] },
    { id: 'mallory', name: '外人', grants: [{ role: 'CLERK', orgUnit: 'v2' }] },
  ],
  units: [
    { id: 'c1', name: '某县', level: 'county' },
    { id: 't1', name: '某镇', level: 'township', parentId: 'c1' },
    { id: 'v1', name: '小村', level: 'village', parentId: 't1' },
    { id: 'v2', name: '大村', level: 'village', parentId: 't1' },
  ],
};

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('cli');
const work = mkdtempSync(join(tmpdir(), 'jiceng-cli-'));
const directoryPath = join(work, 'directory.json');
writeFileSync(directoryPath, JSON.stringify(DIRECTORY_FILE));

const runJiceng = jicengRunner({ env: () => env, taskQueue, directory: directoryPath, extra: { JICENG_PROCEDURES_DIR: join(ROOT, 'tests/fixtures/definitions') } });
/** Runs the real CLI (async: the worker in this process must keep working meanwhile). */
const jiceng = (...args: string[]) => runJiceng({}, ...args);
const jicengWith = runJiceng;

beforeAll(async () => {
  env = await startDevServer();
  const directory = createMemoryDirectory({ 'CLERK@v1': ['bob', 'carol'], 'CLERK@v2': ['mallory'] }, ['alice', 'bob', 'carol', 'mallory']);
  worker = await createTestWorker(env, { taskQueue, deps: { directory, notifier: createMemoryNotifier() } });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

describe('jiceng start / tasks / complete / show', { timeout: 240_000 }, () => {
  it('runs a case from start to 办结: stranger rejected with exit 2, assignee auto-claims and completes', async () => {
    const started = await jiceng('start', MINIMAL, '--title', '村道修缮登记', '--org', 'v1', '--as', 'alice', '--data', '{"matter":"修路"}');
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    const caseId = started.stdout.split('\n')[0]!;
    expect(caseId).toMatch(/^minimal-\d{8}-[\w-]{6}$/);
    expect(started.stdout).toContain('已发起案件「村道修缮登记」');

    // The task appears for the case's clerks (CLERK@v1), not for v2's clerk.
    const mine = await until('the task in the case state', async () => {
      const r = await jiceng('tasks', '--case', caseId, '--as', 'bob', '--json');
      const tasks = (JSON.parse(r.stdout) as { tasks: { taskId: string; nodeName: string; candidateRoles: string[] }[] }).tasks;
      return tasks.length ? tasks : undefined;
    });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ nodeName: '办理', candidateRoles: ['CLERK@v1'] });
    const taskId = mine[0]!.taskId;
    const stranger = await jiceng('tasks', '--case', caseId, '--as', 'mallory', '--json');
    expect(JSON.parse(stranger.stdout)).toEqual({ tasks: [] });

    // The inbox across cases: each running case's own state (the CLI reads Temporal only).
    const inbox = await until('the task in bob’s inbox', async () => {
      const r = await jiceng('tasks', '--as', 'bob');
      return r.stdout.includes(caseId) ? r.stdout : undefined;
    });
    expect(inbox).toContain(`${taskId}  任务「办理」  待办`);

    // A clerk of another village is rejected by the engine's validator: code printed, exit 2.
    const rejected = await jiceng('complete', taskId, '--case', caseId, '--as', 'mallory');
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/^错误 \[NOT_ASSIGNEE\]: /);

    const unknown = await jiceng('complete', 'no-such-task', '--case', caseId, '--as', 'bob');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('错误 [TASK_NOT_FOUND]');

    const done = await jiceng('complete', taskId, '--case', caseId, '--as', 'bob', '--data', '{"matter":"修路（已核实）"}', '--comment', '已办', '--json');
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const result = JSON.parse(done.stdout) as { claimed: boolean; state: CaseState };
    expect(result.claimed).toBe(true);

    const shown = await until('the case to end', async () => {
      const r = await jiceng('show', caseId, '--json');
      const s = JSON.parse(r.stdout) as CaseState;
      return s.status === 'completed' ? s : undefined;
    });
    expect(shown).toMatchObject({ status: 'completed', outcome: 'done', data: { matter: '修路（已核实）' } });
    expect(shown.org).toEqual({ unit: 'v1', ancestors: ['t1', 'c1'], township: 't1', county: 'c1' });
    expect(shown.tasks.find((t) => t.id === taskId)).toMatchObject({ status: 'done', completedBy: 'bob' });
    // Claimed first, then completed; mallory's rejected attempt left no trace.
    const steps = shown.timeline.filter((e) => e.taskId === taskId).map((e) => [e.type, e.actor]);
    expect(steps).toEqual(expect.arrayContaining([['task.claimed', 'bob'], ['task.completed', 'bob']]));
    expect(shown.timeline.some((e) => e.actor === 'mallory')).toBe(false);

    const human = await jiceng('show', caseId);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('状态：已办结（结果 done）');
    expect(human.stdout).toContain('matter = 修路（已核实）');
    expect(human.stdout).toContain('经过：');
  });

  it('starts by procedure key and takes the subprocess definitions along', async () => {
    const dir = mkdtempSync(join(work, 'procs-'));
    writeFileSync(
      join(dir, 'parent.json'),
      JSON.stringify({
        key: 'parent', version: 1, schemaVersion: 2, title: '父流程', roles: [], fields: [],
        nodes: [
          { id: 'start', kind: 'start', name: '开始' },
          { id: 'sub', kind: 'subprocess', name: '子流程', definitionKey: 'child' },
          { id: 'end', kind: 'end', name: '结束', outcome: 'done' },
        ],
        edges: [{ id: 'e1', from: 'start', to: 'sub' }, { id: 'e2', from: 'sub', to: 'end' }],
      }),
    );
    writeFileSync(
      join(dir, 'child.json'),
      JSON.stringify({
        definition: {
          key: 'child', version: 1, schemaVersion: 2, title: '子流程', roles: [], fields: [],
          nodes: [{ id: 'start', kind: 'start', name: '开始' }, { id: 'end', kind: 'end', name: '结束', outcome: 'childDone' }],
          edges: [{ id: 'e1', from: 'start', to: 'end' }],
        },
      }),
    );
    // Not among the fixture procedures: a key that names nothing is refused.
    const missing = await jiceng('start', 'parent', '--title', '带子流程的案件', '--org', 'v1', '--as', 'alice');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('错误 [DEFINITION_NOT_FOUND]');

    // With the procedures folder holding parent.json and child.json, the key resolves and the child goes along.
    const byKey = await jicengWith({ JICENG_PROCEDURES_DIR: dir }, 'start', 'parent', '--title', '带子流程的案件', '--org', 'v1', '--as', 'alice', '--json');
    expect(byKey.stderr).toBe('');
    expect(byKey.code).toBe(0);
    const { caseId } = JSON.parse(byKey.stdout) as { caseId: string };
    const s = await until('the parent case to end', async () => {
      const r = await jiceng('show', caseId, '--json');
      const st = JSON.parse(r.stdout) as CaseState;
      return st.status !== 'running' ? st : undefined;
    });
    expect(s).toMatchObject({ status: 'completed', outcome: 'done' });
    expect(s.path).toContain('sub');
  });

  it('refuses to start an invalid definition, an unknown user or an unknown org unit (exit 1, nothing started)', async () => {
    const invalid = await jiceng('start', 'tests/fixtures/definitions/broken-missing-deadline.json', '--title', 'x', '--org', 'v1', '--as', 'alice');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('错误 [DEFINITION_INVALID]');
    const nobody = await jiceng('start', 'valid-minimal', '--title', 'x', '--org', 'v1', '--as', 'nobody');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('错误 [USER_UNKNOWN]');
    const nowhere = await jiceng('start', 'valid-minimal', '--title', 'x', '--org', 'v9', '--as', 'alice');
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('错误 [ORG_UNIT_UNKNOWN]');
  });
});
