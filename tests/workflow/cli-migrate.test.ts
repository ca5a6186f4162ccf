/**
 * `jiceng migrate` (issue 19) on a real Temporal dev server and worker: two running cases of
 * 受理 → 办理 v1 waiting at 受理, one of them suspended, and v2 where 受理 is 受理审查 (10 days, not
 * 15, for the 村党组织书记). The dry run changes nothing and says, in Chinese, that the suspended
 * case cannot be migrated and where the other lands with its new due date and assignee; applying it
 * with a reason migrates the one and refuses the other (exit 2) and the migrated case's timeline
 * names who and why. v3 drops the step: refused without a node mapping, moved on to 办理 with one.
 * A clerk is no 流程管理员: the dry run says so.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import type { CaseState } from '../../workflows/types.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { jicengRunner, until } from '../../testkit/jiceng-cli.js';
import { addPeriod } from '../../activities/business-calendar.js';
import { shDate } from '../../cli/output.js';
import { intake, intakeV2, intakeV3 } from './fixtures/migration-definitions.js';

const DIRECTORY_FILE = {
  users: [
    { id: 'designer', name: '沈雅琴', grants: [{ role: 'PROC_ADMIN', orgUnit: 't1' }] },
    { id: 'wang', name: '王村委', grants: [{ role: 'VIL_COMM', orgUnit: 'v1' }] },
    { id: 'chen', name: '陈书记', grants: [{ role: 'VIL_SEC', orgUnit: 'v1' }] },
  ],
  units: [
    { id: 'c1', name: '某县', level: 'county' },
    { id: 't1', name: '某镇', level: 'township', parentId: 'c1' },
    { id: 'v1', name: '小村', level: 'village', parentId: 't1' },
  ],
};

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('cli-migrate');
const work = mkdtempSync(join(tmpdir(), 'jiceng-cli-migrate-'));
const directoryPath = join(work, 'directory.json');
writeFileSync(directoryPath, JSON.stringify(DIRECTORY_FILE));
const v1File = join(work, 'intake-v1.json');
const v2File = join(work, 'intake-v2.json');
const v3File = join(work, 'intake-v3.json');
writeFileSync(v1File, JSON.stringify(intake));
writeFileSync(v2File, JSON.stringify(intakeV2));
writeFileSync(v3File, JSON.stringify(intakeV3));

const run = jicengRunner({ env: () => env, taskQueue, directory: directoryPath });
const jiceng = (...args: string[]) => run({}, ...args);

const days = (from: string, n: number) => addPeriod(from, n, 'calendarDays').end.toISOString();
const show = async (caseId: string) => JSON.parse((await jiceng('show', caseId, '--json')).stdout) as CaseState;
const openAt = (s: CaseState) => s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed').map((t) => t.nodeId);

interface DryCase {
  caseId: string;
  title: string;
  ok: boolean;
  refusals: { code: string; message: string }[];
  moves: { from: { name: string }; to: { name: string }; mode: string }[];
  migrated?: boolean;
  message?: string;
}

beforeAll(async () => {
  env = await startDevServer();
  const directory = createMemoryDirectory({ 'VIL_COMM@v1': ['wang'], 'VIL_SEC@v1': ['chen'], 'PROC_ADMIN@t1': ['designer'] }, ['wang', 'chen', 'designer']);
  worker = await createTestWorker(env, { taskQueue, deps: { directory, notifier: createMemoryNotifier() } });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

describe('jiceng migrate', { timeout: 240_000 }, () => {
  it('dry run says where each case lands and refuses a suspended one; --apply migrates the other and records who and why; a removed step needs a mapping', async () => {
    const start = async (title: string) => {
      const r = await jiceng('start', v1File, '--title', title, '--org', 'v1', '--as', 'wang', '--data', '{"summary":"村道积水"}');
      expect(r.stderr).toBe('');
      return r.stdout.split('\n')[0]!;
    };
    const halted = await start('甲：已中止');
    const waiting = await start('乙：等待受理');
    for (const id of [halted, waiting]) await until(`受理 of ${id}`, async () => (openAt(await show(id)).includes('accept') ? true : undefined));
    // The township's secretary suspends 甲 (no CLI command does that: through the client, as the API would).
    const { suspendUpdate } = await import('../../workflows/messages.js');
    await env.client.workflow.getHandle(halted).executeUpdate(suspendUpdate, { args: [{ actor: { userId: 'chen', name: '陈书记', grants: [{ role: 'TWN_SEC', orgUnit: 't1' }] }, reason: '等待核实' }] });
    // Both are found by their search attributes (procedure and version) once visibility has them.
    await until('both cases listed', async () => {
      const r = await jiceng('migrate', v2File, '--from', '1', '--as', 'designer', '--json');
      const cases = (JSON.parse(r.stdout) as { cases: DryCase[] }).cases.map((c) => c.caseId);
      return cases.includes(halted) && cases.includes(waiting) ? true : undefined;
    });

    const dry = await jiceng('migrate', v2File, '--from', '1', '--to', '2', '--as', 'designer');
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('迁移预演「intake」第 1 版 → 第 2 版：可迁移 1 件，不能迁移 1 件（未做任何更改');
    expect(dry.stdout).toContain(`✗ ${halted}「甲：已中止」 当前在「受理」\n    不能迁移：案件已中止，请恢复后再迁移`);
    expect(dry.stdout).toContain(`✓ ${waiting}「乙：等待受理」 当前在「受理」 → 留在「受理审查」`);
    expect(dry.stdout).toContain('「受理」更名为「受理审查」');
    expect(dry.stdout).toContain('「受理审查」办理人：村委委员 → 村党组织书记');
    // 15 → 10 calendar days from the same start, in Shanghai time.
    const startedAt = (await show(waiting)).startedAt;
    expect(dry.stdout).toContain(`办理时限：${shDate(days(startedAt, 15))} → ${shDate(days(startedAt, 10))}`);
    // Nothing changed.
    expect((await show(halted)).definitionVersion).toBe(1);
    expect((await show(waiting)).definitionVersion).toBe(1);

    // A clerk may not migrate: the dry run says so.
    const clerk = JSON.parse((await jiceng('migrate', v2File, '--from', '1', '--case', waiting, '--as', 'wang', '--json')).stdout) as { cases: DryCase[] };
    expect(clerk.cases[0]).toMatchObject({ caseId: waiting, ok: false });
    expect(clerk.cases[0]!.refusals[0]!.message).toBe('王村委 不是本案所属单位的流程管理员');

    // --apply needs a reason; an unknown target node in --map is refused before anything runs.
    const noReason = await jiceng('migrate', v2File, '--from', '1', '--apply', '--as', 'designer');
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('错误 [REASON_REQUIRED]');
    const badMap = await jiceng('migrate', v2File, '--from', '1', '--map', '{"accept":"nowhere"}', '--as', 'designer');
    expect(badMap.code).toBe(1);
    expect(badMap.stderr).toContain('第 2 版没有这个环节');

    const applied = await jiceng('migrate', v2File, '--from', '1', '--apply', '--reason', '受理时限改为10日', '--as', 'designer');
    expect(applied.code).toBe(2);
    expect(applied.stdout).toContain('已迁移 1 件，未迁移 1 件（原因：受理时限改为10日）');
    expect(applied.stdout).toContain(`✓ ${waiting}「乙：等待受理」 当前在「受理」 → 留在「受理审查」`);
    expect(applied.stdout).toContain(`✗ ${halted}「甲：已中止」 当前在「受理」\n    未迁移：本案不能迁移到该版本：案件已中止，请恢复后再迁移`);

    const migrated = await show(waiting);
    expect(migrated.definitionVersion).toBe(2);
    expect(migrated.tasks.find((t) => t.nodeId === 'accept' && t.status === 'open')).toMatchObject({ nodeName: '受理审查', dueAt: days(startedAt, 10) });
    expect(migrated.timeline.find((e) => e.type === 'case.migrated')).toMatchObject({ actor: 'designer', actorName: '沈雅琴', comment: '受理时限改为10日' });
    const refused = await show(halted);
    expect(refused.definitionVersion).toBe(1);
    expect(refused.timeline.some((e) => e.type === 'case.migrated')).toBe(false);

    // v3 drops 受理: without a mapping every case waiting there is refused; mapped to 办理, it moves on.
    const unmapped = JSON.parse((await jiceng('migrate', v3File, '--from', '2', '--as', 'designer', '--json')).stdout) as { cases: DryCase[] };
    expect(unmapped.cases.map((c) => [c.caseId, c.ok])).toEqual([[waiting, false]]);
    expect(unmapped.cases[0]!.refusals[0]!.message).toContain('受理审查');
    const mapped = JSON.parse((await jiceng('migrate', v3File, '--from', '2', '--map', '{"accept":"handle"}', '--as', 'designer', '--json')).stdout) as { cases: DryCase[] };
    expect(mapped.cases[0]).toMatchObject({ caseId: waiting, ok: true, moves: [{ from: { name: '受理审查' }, to: { name: '办理' }, mode: 'move' }] });
    const second = await jiceng('migrate', v3File, '--from', '2', '--case', waiting, '--map', '{"accept":"handle"}', '--apply', '--reason', '受理并入办理', '--as', 'designer');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('已迁移 1 件，未迁移 0 件');
    const moved = await until('乙 at 办理', async () => {
      const s = await show(waiting);
      return openAt(s).includes('handle') ? s : undefined;
    });
    expect(moved.definitionVersion).toBe(3);
    expect(openAt(moved)).toEqual(['handle']);
  });
});
