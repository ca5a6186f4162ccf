import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, publishDefinition, startTestApi, type TestApi } from './client.js';
import { approvalDefinition } from '../../testkit/api-fixtures.js';

let api: TestApi;
let fastCase = '';
const started = new Map<string, string>();

/** The approval procedure with a one-minute deadline on 村委办理, so a case turns red during the test. */
function fastDefinition() {
  const def = approvalDefinition('api-fast', '一分钟时限事项');
  const handle = def.nodes[1] as { deadline: unknown };
  handle.deadline = { duration: { amount: 1, unit: 'minutes' }, timeoutAction: 'none' };
  return def;
}

async function start(user: string, procedure: string, title: string, orgUnit: string): Promise<string> {
  const r = await api.as(user).post('/api/cases', { procedure, title, orgUnit, data: { summary: title } });
  expect(r.status).toBe(201);
  started.set(title, r.body.caseId);
  return r.body.caseId;
}

beforeAll(async () => {
  api = await startTestApi();
  await publishDefinition(api, approvalDefinition());
  await publishDefinition(api, fastDefinition());
  fastCase = await start('clerk1', 'api-fast', '限时一分钟', 'v1');
  await start('clerk1', 'api-approval', '小河村甲', 'v1');
  await start('clerk1', 'api-approval', '小河村乙', 'v1');
  await start('clerk2', 'api-approval', '大山村甲', 'v2');
  // Every case has reached its first task (the memo the board and bulk operations read).
  await eventually(async () => (await api.as('sec').get('/api/monitor/process/api-approval')).body.nodes?.[0]?.openCases === 3);
});
afterAll(async () => {
  await api?.close();
});

const cell = (cells: { orgUnit: string; procedure: string; red?: number }[], orgUnit: string, procedure: string) => cells.find((c) => c.orgUnit === orgUnit && c.procedure === procedure);

describe('monitor board', () => {
  it('counts open cases by org unit × procedure × light, with names, for the township supervisor only', async () => {
    const board = (await api.as('sec').get('/api/monitor/board')).body;
    expect(cell(board.cells, 'v1', 'api-approval')).toMatchObject({ orgUnitName: '小河村', procedureTitle: '村务事项审批', green: 2, yellow: 0, red: 0 });
    expect(cell(board.cells, 'v2', 'api-approval')).toMatchObject({ orgUnitName: '大山村', green: 1 });
    expect((await api.as('clerk1').get('/api/monitor/board')).status).toBe(403);
    const filtered = (await api.as('sec').get('/api/monitor/board?orgUnit=v2')).body;
    expect(filtered.cells.map((c: { orgUnit: string }) => c.orgUnit)).toEqual(['v2']);
  });

  it('counts every open case of the scope (one grouped query): its totals are the open cases the case list counts, and it names the rows 镇 › 村', async () => {
    const board = (await api.as('sec').get('/api/monitor/board')).body;
    const all = board.totals.green + board.totals.yellow + board.totals.red;
    const list = (await api.as('sec').get('/api/cases?status=open&pageSize=1')).body;
    expect(list.total).toBe(all);
    expect(all).toBeGreaterThanOrEqual(4);
    const units = new Map(board.units.map((u: { id: string; name: string; parentId: string | null }) => [u.id, u]));
    expect(units.get('v1')).toMatchObject({ name: '小河村', parentId: 't1' });
    expect(units.get('t1')).toMatchObject({ name: '桂花镇', level: 'township' });
  });

  it('process heat shows open cases and waiting time per node', async () => {
    const heat = (await api.as('sec').get('/api/monitor/process/api-approval')).body;
    expect(heat.nodes).toEqual([{ nodeId: 'handle', openCases: 3, avgWaitHours: expect.any(Number), maxWaitHours: expect.any(Number) }]);
  });

  it('bulk reassign after 换届: the preview lists exactly what will change, apply moves the tasks', async () => {
    const caseId = started.get('小河村甲')!;
    const detail = (await api.as('clerk1').get(`/api/cases/${caseId}`)).body;
    await api.as('clerk1').post(`/api/tasks/${caseId}/${detail.tasks[0].id}/claim`);
    const body = { op: 'reassign', fromUserId: 'clerk1', toUserId: 'clerk1b', reason: '村委换届，工作移交' };
    const preview = await eventually(async () => {
      const r = await api.as('sec').post('/api/monitor/bulk/preview', body);
      return r.body.changes?.length ? r.body : undefined;
    });
    // Names, never login ids.
    expect(preview.changes).toEqual([{ caseId, taskId: detail.tasks[0].id, title: '小河村甲 · 村委办理', before: '小河村文书甲', after: '小河村文书乙' }]);
    const applied = await api.as('sec').post('/api/monitor/bulk/apply', body);
    expect(applied.body).toEqual({ applied: 1, failed: [] });
    const after = (await api.as('clerk1b').get(`/api/cases/${caseId}`)).body;
    expect(after.tasks[0].assignees).toEqual(['clerk1b']);
    expect(after.timeline.at(-1)).toMatchObject({ type: 'task.transferred', actor: 'sec' });
    expect((await api.as('clerk1').post('/api/monitor/bulk/apply', body)).status).toBe(403);
  });

  it('bulk reassign offers only the people eligible for every chosen task, and refuses anyone else with a zh-CN 422', async () => {
    const a = await start('clerk1', 'api-approval', '改派甲', 'v1');
    const b = await start('clerk1', 'api-approval', '改派乙', 'v1');
    const c = await start('clerk2', 'api-approval', '改派丙', 'v2');
    const taskA = await eventually(async () => (await api.as('clerk1').get(`/api/cases/${a}`)).body.tasks?.[0]?.id as string | undefined);
    expect((await api.as('clerk1').post(`/api/tasks/${a}/${taskA}/claim`)).status).toBe(200);
    const people = async (caseIds: string[], fromUserId?: string) => {
      const r = await api.as('sec').post('/api/monitor/bulk/people', { caseIds, ...(fromUserId ? { fromUserId } : {}) });
      expect(r.status).toBe(200);
      return r.body as { items: { id: string; name: string; roleName: string; orgUnitName: string }[]; holders: { id: string; name: string }[]; tasks: number };
    };
    // The board reads the projection: wait until 甲 shows as claimed and every case has its task.
    await eventually(async () => {
      const r = await people([a, b, c]);
      return r.tasks === 3 && r.holders.some((h) => h.id === 'clerk1') ? r : undefined;
    });
    // 乙 alone: both 小河村 clerks. With 甲 (held by 文书甲): only 文书乙 may take both. With 大山村's 丙 too: no one.
    expect((await people([b])).items.map((p) => p.id)).toEqual(['clerk1', 'clerk1b']);
    const ab = await people([a, b]);
    expect(ab.items).toEqual([expect.objectContaining({ id: 'clerk1b', name: '小河村文书乙', roleName: '村民委员会(主任、委员)', orgUnitName: '小河村' })]);
    expect(ab.tasks).toBe(2);
    expect(ab.holders).toEqual([expect.objectContaining({ id: 'clerk1', name: '小河村文书甲' })]);
    expect((await people([a, b, c])).items).toEqual([]);
    // Narrowed to 文书甲's tasks: only 甲 moves, and 文书甲 is not offered for it.
    expect(await people([a, b], 'clerk1')).toMatchObject({ tasks: 1, items: [expect.objectContaining({ id: 'clerk1b' })] });

    const body = (toUserId: string) => ({ op: 'reassign', caseIds: [a, b, c], toUserId, reason: '统一改派' });
    const other = await api.as('sec').post('/api/monitor/bulk/preview', body('clerk1b'));
    expect(other.status).toBe(422);
    expect(other.body.message).toMatch(/不能把「改派丙 · 村委办理」改派给 小河村文书乙：小河村文书乙 不在本案件所属单位/);
    expect(other.body.issues[0].path).toEqual(['toUserId']);
    const holder = await api.as('sec').post('/api/monitor/bulk/apply', { ...body('clerk1'), caseIds: [a, b] });
    expect(holder.status).toBe(422);
    expect(holder.body.message).toMatch(/「改派甲 · 村委办理」已由 小河村文书甲 办理/);
    const preview = await api.as('sec').post('/api/monitor/bulk/preview', { ...body('clerk1b'), caseIds: [a, b] });
    expect(preview.status).toBe(200);
    expect(preview.body.changes.map((ch: { title: string; before: string; after: string }) => [ch.title, ch.before, ch.after])).toEqual([
      ['改派甲 · 村委办理', '小河村文书甲', '小河村文书乙'],
      ['改派乙 · 村委办理', '', '小河村文书乙'],
    ]);
    expect((await api.as('sec').post('/api/monitor/bulk/apply', { ...body('clerk1b'), caseIds: [a, b] })).body).toEqual({ applied: 2, failed: [] });
    expect((await api.as('clerk1b').get(`/api/cases/${b}`)).body.tasks[0].assignees).toEqual(['clerk1b']);
    // Only supervisors ask; choosing every open task needs chosen cases.
    expect((await api.as('clerk1').post('/api/monitor/bulk/people', { caseIds: [a] })).status).toBe(403);
    const unbounded = await api.as('sec').post('/api/monitor/bulk/people', {});
    expect(unbounded.status).toBe(422);
    expect(unbounded.body.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('bulk urge and extend preview then apply on the chosen cases', async () => {
    const ids = [started.get('小河村乙')!, started.get('大山村甲')!];
    const urge = { op: 'urge', caseIds: ids, reason: '请抓紧' };
    expect((await api.as('sec').post('/api/monitor/bulk/preview', urge)).body.changes).toHaveLength(2);
    expect((await api.as('sec').post('/api/monitor/bulk/apply', urge)).body).toEqual({ applied: 2, failed: [] });
    const ext = { op: 'extend', caseIds: [ids[0]], amount: 3, unit: 'workingDays', reason: '农忙' };
    const preview = (await api.as('sec').post('/api/monitor/bulk/preview', ext)).body.changes;
    expect(preview[0]).toMatchObject({ caseId: ids[0], before: expect.stringMatching(/^20\d\d-/), after: '+3 workingDays' });
    expect((await api.as('sec').post('/api/monitor/bulk/apply', ext)).body.applied).toBe(1);
    const state = (await api.as('sec').get(`/api/cases/${ids[0]}`)).body;
    expect(state.tasks[0].urgedCount).toBe(1);
    expect(state.ledger.some((l: { kind: string; reason: string }) => l.kind === 'extend' && l.reason === '农忙')).toBe(true);
  });

  it('stuck list: cases without progress for N days (N=0 lists every running case, with a reason)', async () => {
    const stuck = (await api.as('sec').get('/api/monitor/stuck?days=0')).body.items;
    expect(stuck.length).toBeGreaterThanOrEqual(3);
    expect(stuck[0].reason).toMatch(/无进展|等待外部事件/);
    expect((await api.as('sec').get('/api/monitor/stuck?days=30')).body.items).toEqual([]);
  });

  it('after a case passes its deadline it turns red: board, overdue list, case filters and charts all show it', async () => {
    const red = await eventually(async () => {
      const b = (await api.as('sec').get('/api/monitor/board')).body;
      return cell(b.cells, 'v1', 'api-fast')?.red === 1 ? b : undefined;
    }, 150_000);
    expect(cell(red.cells, 'v1', 'api-fast')).toMatchObject({ green: 0, yellow: 0, red: 1, procedureTitle: '一分钟时限事项' });
    expect(red.totals.red).toBeGreaterThanOrEqual(1);
    // One procedure's board tells the same cells as the whole board, red included.
    for (const procedure of ['api-approval', 'api-fast']) {
      const counted = (await api.as('sec').get(`/api/monitor/board?procedure=${procedure}`)).body;
      const listed = red.cells.filter((c: { procedure: string }) => c.procedure === procedure);
      expect(counted.cells).toEqual(listed);
      const sumOf = (light: 'green' | 'yellow' | 'red') => listed.reduce((n: number, c: Record<string, number>) => n + c[light]!, 0);
      expect(counted.totals).toEqual({ green: sumOf('green'), yellow: sumOf('yellow'), red: sumOf('red') });
    }
    expect((await api.as('sec').get('/api/monitor/board?procedure=api-fast&orgUnit=v2')).body).toMatchObject({ cells: [], totals: { green: 0, yellow: 0, red: 0 } });
    const overdue = (await api.as('sec').get('/api/monitor/overdue')).body.items;
    expect(overdue.map((c: { caseId: string }) => c.caseId)).toContain(fastCase);
    const clerkView = (await api.as('clerk1').get('/api/cases?overdue=true')).body.items;
    expect(clerkView.map((c: { caseId: string }) => c.caseId)).toEqual([fastCase]);
    expect((await api.as('clerk2').get('/api/cases?overdue=true')).body.items).toEqual([]);
    expect((await api.as('sec').get('/api/cases?health=red')).body.items.map((c: { caseId: string }) => c.caseId)).toContain(fastCase);
    const inbox = (await api.as('clerk1b').get('/api/inbox?due=overdue')).body.items;
    expect(inbox.map((i: { caseId: string }) => i.caseId)).toEqual([fastCase]);
    const charts = (await api.as('sec').get('/api/monitor/charts')).body;
    expect(charts.byStage.find((s: { stage: string }) => s.stage === '村委办理').count).toBeGreaterThanOrEqual(4);
    expect(charts.overdueTrend.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
