/**
 * Statutory cadences as Temporal Schedules (组织法 §26, §30), one per village, visible and pausable
 * on the monitor; a village whose cadence case is past due shows as having missed it. And the
 * village warning light (动态管理) apart from deadline health. Real Temporal dev server, real DB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, publishDefinition, startTestApi, type TestApi } from './client.js';
import type { DefinitionInput } from '../../dsl/schema.js';

let api: TestApi;

interface Cadence {
  scheduleId: string;
  cadence: string;
  cadenceName: string;
  village: string;
  villageName: string;
  paused: boolean;
  note: string | null;
  nextRunAt: string | null;
  status: string;
  caseId: string | null;
  dueAt: string | null;
}

const cadences = async (): Promise<Cadence[]> => (await api.as('sec').get('/api/monitor/cadences')).body.items;
const one = async (id: string): Promise<Cadence | undefined> => (await cadences()).find((c) => c.scheduleId === id);

/** Wall clock of an instant in Asia/Shanghai: [month (1–12), day, hour, minute]. */
function shanghai(iso: string): [number, number, number, number] {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe('法定频次 as Temporal Schedules (组织法 §26, §30)', () => {
  it('every village has one schedule per cadence — 村民代表会议 and 村务公开 each quarter, 财务公开 each month — on the law’s calendar (Asia/Shanghai)', async () => {
    const items = await cadences();
    expect(items.map((c) => c.scheduleId).sort()).toEqual(
      ['finance-monthly', 'openness-quarterly', 'reps-quarterly'].flatMap((k) => [`cadence-${k}-v1`, `cadence-${k}-v2`]).sort(),
    );
    const reps = items.find((c) => c.scheduleId === 'cadence-reps-quarterly-v1')!;
    expect(reps).toMatchObject({ cadenceName: '村民代表会议（每季度）', villageName: '小河村', paused: false, status: 'waiting' });
    const [month, day, hour, minute] = shanghai(reps.nextRunAt!);
    expect([1, 4, 7, 10]).toContain(month);
    expect([day, hour, minute]).toEqual([1, 0, 10]);
    expect(Date.parse(reps.nextRunAt!)).toBeGreaterThan(Date.now());
    const finance = items.find((c) => c.scheduleId === 'cadence-finance-monthly-v2')!;
    expect(shanghai(finance.nextRunAt!).slice(1)).toEqual([1, 0, 10]);
    expect(Date.parse(finance.nextRunAt!) - Date.now()).toBeLessThanOrEqual(32 * 86_400_000);
  });

  it('only supervisors see and steer them: a village clerk gets 403, an unknown schedule 404, a pause without a reason 422 in Chinese', async () => {
    expect((await api.as('clerk1').get('/api/monitor/cadences')).status).toBe(403);
    expect((await api.as('sec').post('/api/monitor/cadences/cadence-reps-quarterly-v9/pause', { reason: '测试' })).status).toBe(404);
    expect((await api.as('sec').post('/api/monitor/cadences/cadence-nothing-v1/trigger')).status).toBe(404);
    const bad = await api.as('sec').post('/api/monitor/cadences/cadence-reps-quarterly-v2/pause', { reason: ' ' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('请填写理由');
  });

  it('a supervisor pauses a village’s cadence with a reason and resumes it; a paused cadence shows no next run', async () => {
    const id = 'cadence-openness-quarterly-v2';
    expect((await api.as('sec').post(`/api/monitor/cadences/${id}/pause`, { reason: '村两委换届期间暂停' })).status).toBe(204);
    const paused = await one(id);
    expect(paused).toMatchObject({ paused: true, status: 'paused', nextRunAt: null });
    expect(paused!.note).toContain('村两委换届期间暂停');
    expect((await api.as('sec').post(`/api/monitor/cadences/${id}/resume`, { reason: '换届完成' })).status).toBe(204);
    expect(await one(id)).toMatchObject({ paused: false, status: 'waiting' });
  });

  it('starting this period’s case now: the village committee gets the 村民代表会议 task, due 3 months on; the cadence reads “in progress”', async () => {
    const id = 'cadence-reps-quarterly-v2';
    expect((await api.as('sec').post(`/api/monitor/cadences/${id}/trigger`)).status).toBe(204);
    const c = await eventually(async () => {
      const x = await one(id);
      // The case's due time reaches visibility with its first task.
      return x?.status === 'due' && x.dueAt ? x : undefined;
    });
    expect(c.caseId).toMatch(/^cadence-reps-quarterly-v2-/);
    expect(Date.parse(c.dueAt!) - Date.now()).toBeGreaterThan(80 * 86_400_000);
    const inbox = await eventually(async () => {
      const r = await api.as('clerk2').get('/api/inbox');
      return (r.body.items as { caseId: string; nodeName: string }[]).find((t) => t.caseId === c.caseId);
    });
    expect(inbox.nodeName).toBe('召开本季度村民代表会议');
  });

  it('a village whose cadence case is past due has missed its cadence (组织法 §26): shown as missed with the case', async () => {
    // A tenant version with a one-minute period, so the period ends during the test.
    const published = (await api.as('designer').get('/api/definitions/daibiao-huiyi/versions/1')).body as DefinitionInput & { nodes: { id: string; deadline?: unknown }[] };
    const short = structuredClone(published) as DefinitionInput;
    const meeting = short.nodes.find((n) => n.id === 'meeting') as { deadline: { duration: unknown; reminders: unknown[] } };
    meeting.deadline.duration = { amount: 1, unit: 'minutes' };
    meeting.deadline.reminders = [];
    await publishDefinition(api, short, '测试：一分钟期限');
    const sync = await api.as('sec').post('/api/monitor/cadences/sync');
    expect(sync.body.updated).toContain('cadence-reps-quarterly-v1');
    expect((await api.as('sec').post('/api/monitor/cadences/cadence-reps-quarterly-v1/trigger')).status).toBe(204);
    const missed = await eventually(async () => {
      const x = await one('cadence-reps-quarterly-v1');
      return x?.status === 'missed' ? x : undefined;
    }, 150_000);
    expect(missed.caseId).toMatch(/^cadence-reps-quarterly-v1-/);
    expect(Date.parse(missed.dueAt!)).toBeLessThan(Date.now());
    // The other village is unaffected.
    expect((await one('cadence-reps-quarterly-v2'))?.status).toBe('due');
  }, 200_000);
});

describe('村级班子预警灯 (动态管理) apart from deadline health', () => {
  it('a red 动态管理 warning turns the village light red while the case’s deadline light stays green; the other village stays green', async () => {
    // The 村动态管理员 录入 the warning (the procedure's starter role, SEED:004).
    const started = await api.as('dm').post('/api/cases', {
      procedure: 'dongtai-yujing',
      title: '小河村土地纠纷',
      orgUnit: 'v1',
      data: { indicator_category: 'public_safety', indicator: '宗派矛盾', warning_level: 'red', issue: '土地纠纷有械斗风险' },
    });
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;
    const taskId = await eventually(async () => (await api.as('dm').get(`/api/cases/${caseId}`)).body.tasks?.find((t: { nodeId: string }) => t.nodeId === 'report')?.id as string | undefined);
    expect((await api.as('dm').post(`/api/tasks/${caseId}/${taskId}/complete`, { action: 'report' })).status).toBe(200);
    const lights = await eventually(async () => {
      const r = (await api.as('sec').get('/api/monitor/village-lights')).body.items as { village: string; level: string; warnings: { caseId: string; reason: string }[] }[];
      return r.find((v) => v.village === 'v1')?.level === 'red' ? r : undefined;
    });
    expect(lights.find((v) => v.village === 'v1')!.warnings[0]).toMatchObject({ caseId, reason: '动态管理预警：红灯（急需治理整顿）' });
    expect(lights.find((v) => v.village === 'v2')).toMatchObject({ level: 'green', warnings: [] });
    const list = (await api.as('sec').get(`/api/cases?procedure=dongtai-yujing`)).body.items as { caseId: string; health: string }[];
    expect(list.find((c) => c.caseId === caseId)?.health).toBe('green');
    expect((await api.as('clerk1').get('/api/monitor/village-lights')).status).toBe(403);
  });

  it('the 迟报/漏报/瞒报 ledger answers per year, and a bad year is a 422', async () => {
    const r = await api.as('sec').get('/api/monitor/reporting-lapses?year=2026');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ year: 2026, items: [] });
    expect((await api.as('sec').get('/api/monitor/reporting-lapses?year=1900')).status).toBe(422);
  });
});
