/**
 * The read model through the API, on a real database and a real Temporal server: what a user did
 * shows at once in their own inbox (read-your-writes), lists sort and page by keyset, text search
 * on Chinese titles pages, the report and its CSV / XLSX files, and the reconciler repairing a case
 * terminated from the Temporal UI and a lost write.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, publishDefinition, startTestApi, type Res, type TestApi } from './client.js';
import { approvalDefinition, PASSWORD } from '../../testkit/api-fixtures.js';

let api: TestApi;
const ids: Record<string, string> = {};

async function start(user: string, title: string, orgUnit = 'v1'): Promise<string> {
  const r = await api.as(user).post('/api/cases', { procedure: 'api-approval', title, orgUnit, data: { summary: title } });
  expect(r.status).toBe(201);
  ids[title] = r.body.caseId;
  return r.body.caseId;
}

/** Every page of `path` (a list answer with `items` and a next-page token under `next`). */
async function allPages(user: string, path: string, next: 'nextCursor' | 'nextPageToken', param: 'cursor' | 'pageToken') {
  const pages: { caseId: string; taskId?: string; caseTitle?: string; title?: string }[][] = [];
  let token: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r: Res = await api.as(user).get(`${path}${token ? `${sep}${param}=${encodeURIComponent(token)}` : ''}`);
    expect(r.status).toBe(200);
    pages.push(r.body.items);
    token = r.body[next];
  } while (token && pages.length < 50);
  return pages;
}

beforeAll(async () => {
  api = await startTestApi();
  await publishDefinition(api, approvalDefinition());
  for (let i = 1; i <= 5; i++) await start('clerk1', `小河村道路维修第${i}段`);
  await start('clerk1', '小河村路灯更换');
  await start('clerk1', '小河村水渠清淤');
  await start('clerk2', '大山村道路硬化', 'v2');
});
afterAll(async () => {
  await api?.close();
});

describe('read-your-writes', () => {
  it('the answer to 办理完成 comes once the read model has it: the clerk’s 待办 no longer lists the task, 已办 lists it dated now, and 镇科办 finds the next step at once', async () => {
    const caseId = ids['小河村水渠清淤']!;
    const todo = (await api.as('clerk1').get('/api/inbox')).body.items as { caseId: string; taskId: string }[];
    const task = todo.find((i) => i.caseId === caseId)!;
    const before = Date.now();
    const done = await api.as('clerk1').post(`/api/tasks/${caseId}/${task.taskId}/complete`, { data: { summary: '已清淤' } });
    expect(done.status).toBe(200);
    // No polling: each read right after the answer.
    const after = (await api.as('clerk1').get('/api/inbox')).body.items as { caseId: string }[];
    expect(after.map((i) => i.caseId)).not.toContain(caseId);
    const doneTab = (await api.as('clerk1').get('/api/inbox?tab=done')).body.items as { caseId: string; taskId: string; operation: string; completedAt: string }[];
    expect(doneTab[0]).toMatchObject({ caseId, taskId: task.taskId, operation: 'complete' });
    expect(Date.parse(doneTab[0]!.completedAt)).toBeGreaterThanOrEqual(before - 1000);
    const dept = (await api.as('dept').get('/api/inbox')).body.items as { caseId: string; nodeName: string }[];
    expect(dept).toContainEqual(expect.objectContaining({ caseId, nodeName: '镇审核' }));
  });

  it('a new case is in the starter’s 我发起的 as soon as the start is answered', async () => {
    const caseId = await start('clerk1b', '小河村文化广场修缮');
    const mine = (await api.as('clerk1b').get('/api/inbox?tab=mine')).body;
    expect(mine.items[0]).toMatchObject({ caseId, caseTitle: '小河村文化广场修缮', caseStatus: 'running', nodeName: '村委办理' });
    expect(mine.total).toBe(1);
  });
});

describe('sorting and keyset paging', () => {
  it('待办 by due time pages three at a time through every task once, in order; by creation newest first likewise', async () => {
    const pages = await allPages('clerk1', '/api/inbox?pageSize=3', 'nextCursor', 'cursor');
    const items = pages.flat() as unknown as { caseId: string; taskId: string; dueAt: string }[];
    expect(pages[0]).toHaveLength(3);
    const all = (await api.as('clerk1').get('/api/inbox?pageSize=200')).body;
    expect(items.map((i) => `${i.caseId}/${i.taskId}`)).toEqual(all.items.map((i: { caseId: string; taskId: string }) => `${i.caseId}/${i.taskId}`));
    expect(new Set(items.map((i) => i.caseId)).size).toBe(items.length);
    expect(items.length).toBe(all.total);
    const dues = items.map((i) => Date.parse(i.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const newest = (await allPages('clerk1', '/api/inbox?sort=created&order=desc&pageSize=2', 'nextCursor', 'cursor')).flat() as unknown as { createdAt: string }[];
    const created = newest.map((i) => Date.parse(i.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(newest).toHaveLength(all.total);
  });

  it('a forged page token is refused with 422 and a Chinese message, not a 500', async () => {
    for (const path of ['/api/inbox?cursor=bm90LWpzb24', '/api/cases?pageToken=WzEsMl0']) {
      const r = await api.as('clerk1').get(path);
      expect(r.status).toBe(422);
      expect(r.body.message).toMatch(/分页标记无效/);
    }
  });

  it('the case list sorts by start, due time or progress and pages with a stable total', async () => {
    const byStart = (await allPages('sec', '/api/cases?pageSize=4&sort=started&order=asc', 'nextPageToken', 'pageToken')).flat();
    const total = (await api.as('sec').get('/api/cases?pageSize=1')).body.total;
    expect(byStart).toHaveLength(total);
    expect(byStart.map((c) => c.caseId)).toEqual([...new Set(byStart.map((c) => c.caseId))]);
    expect(byStart[0]!.title).toBe('小河村道路维修第1段');
    const byDue = (await api.as('sec').get('/api/cases?sort=due&order=asc&status=open')).body.items as { nextDueAt: string }[];
    const dues = byDue.map((c) => Date.parse(c.nextDueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });
});

describe('text search on Chinese titles', () => {
  it('“道路” finds the six road cases of the township, two per page, with the total; one character works, as does a case id', async () => {
    const pages = await allPages('sec', `/api/cases?q=${encodeURIComponent('道路')}&pageSize=2`, 'nextPageToken', 'pageToken');
    const titles = pages.flat().map((c) => c.title!);
    expect(titles).toHaveLength(6);
    expect(pages.length).toBe(3);
    expect(titles.every((t) => t.includes('道路'))).toBe(true);
    expect((await api.as('sec').get(`/api/cases?q=${encodeURIComponent('道路')}&pageSize=2`)).body.total).toBe(6);
    expect((await api.as('sec').get(`/api/cases?q=${encodeURIComponent('渠')}`)).body.items.map((c: { title: string }) => c.title)).toEqual(['小河村水渠清淤']);
    expect((await api.as('sec').get(`/api/cases?q=${ids['小河村路灯更换']}`)).body.items).toHaveLength(1);
    // The clerk of 大山村 sees only its own road case.
    expect((await api.as('clerk2').get(`/api/cases?q=${encodeURIComponent('道路')}`)).body.items.map((c: { title: string }) => c.title)).toEqual(['大山村道路硬化']);
    // The inbox searches the same way.
    const inbox = (await api.as('clerk1').get(`/api/inbox?q=${encodeURIComponent('维修第3')}`)).body.items;
    expect(inbox.map((i: { caseTitle: string }) => i.caseTitle)).toEqual(['小河村道路维修第3段']);
  });
});

describe('report', () => {
  it('per village and procedure, per step and per handler, within the supervisor’s scope; the clerk may not see it', async () => {
    const r = await api.as('sec').get('/api/reports/cases');
    expect(r.status).toBe(200);
    const v1 = r.body.units.find((u: { village: string }) => u.village === 'v1');
    expect(v1).toMatchObject({ villageName: '小河村', townshipName: '桂花镇', procedureTitle: '村务事项审批', opened: 8, closed: 0, overdue: 0, overdueRate: 0 });
    expect(r.body.units.find((u: { village: string }) => u.village === 'v2')).toMatchObject({ opened: 1 });
    expect(r.body.steps).toContainEqual(expect.objectContaining({ nodeName: '村委办理', done: 1, overdue: 0, medianHours: expect.any(Number) }));
    expect(r.body.handlers).toContainEqual(expect.objectContaining({ userName: '小河村文书甲', done: 1 }));
    expect((await api.as('clerk1').get('/api/reports/cases')).status).toBe(403);
    const bad = await api.as('sec').get('/api/reports/cases?from=2026-02-30');
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/日期/);
  });

  it('exports CSV (UTF-8 with BOM, Chinese headers) and XLSX with the same rows', async () => {
    const cookie = api.cookies.sec!;
    const csv = await fetch(`${api.stack.url}/api/reports/cases/export?format=csv&section=units`, { headers: { cookie } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(decodeURIComponent(csv.headers.get('content-disposition')!)).toMatch(/统计报表_各村办件_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('乡镇,村,流程,新办件,办结,超期件,超期率');
    expect(lines).toContain('桂花镇,小河村,村务事项审批,8,0,0,0.0%');
    const xlsx = await fetch(`${api.stack.url}/api/reports/cases/export?format=xlsx`, { headers: { cookie } });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['各村办件', '各环节用时', '经办人']);
    const units = wb.getWorksheet('各村办件')!;
    const rows = units.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]).toEqual([undefined, '乡镇', '村', '流程', '新办件', '办结', '超期件', '超期率']);
    // Villages in pinyin order: 大山村, then 小河村.
    expect(rows.slice(1)).toEqual([
      [undefined, '桂花镇', '大山村', '村务事项审批', 1, 0, 0, 0],
      [undefined, '桂花镇', '小河村', '村务事项审批', 8, 0, 0, 0],
    ]);
    expect(wb.getWorksheet('经办人')!.getRow(2).getCell(1).value).toBe('小河村文书甲');
    const denied = await call(api.stack.url, 'GET', '/api/reports/cases/export?format=xlsx', { cookie: api.cookies.clerk1 });
    expect(denied.status).toBe(403);
    void PASSWORD;
  });
});

describe('reconciler', () => {
  it('a case terminated from the Temporal UI and a lost write are repaired, and the pass says what it fixed', async () => {
    const { ctx } = api.stack.server;
    await ctx.reconciler.run();
    const terminated = ids['小河村路灯更换']!;
    await api.stack.env.client.workflow.getHandle(terminated).terminate('运维在 Temporal 界面终止');
    const lost = ids['小河村道路维修第5段']!;
    await ctx.db.query('DELETE FROM proj_tasks WHERE case_id = $1', [lost]);
    await ctx.db.query('DELETE FROM proj_cases WHERE case_id = $1', [lost]);
    expect((await api.as('clerk1').get(`/api/inbox?q=${encodeURIComponent('第5段')}`)).body.items).toEqual([]);
    // Visibility takes a moment to show the closure.
    let report;
    for (let i = 0; i < 20; i++) {
      report = await ctx.reconciler.run();
      if (report?.fixed.some((f) => f.caseId === terminated)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(report!.fixed).toEqual(expect.arrayContaining([
      { caseId: terminated, what: expect.stringContaining('closed outside the engine (terminated)') },
      { caseId: lost, what: expect.stringContaining('running case missing') },
    ]));
    const row = (await api.as('sec').get(`/api/cases?q=${terminated}`)).body.items[0];
    expect(row).toMatchObject({ status: 'terminated', nextDueAt: null });
    expect((await api.as('clerk1').get('/api/inbox?pageSize=200')).body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(terminated);
    expect((await api.as('clerk1').get(`/api/inbox?q=${encodeURIComponent('第5段')}`)).body.items).toHaveLength(1);
    const status = await api.as('admin').get('/api/ops/projection');
    expect(status.status).toBe(200);
    expect(status.body.runs[0]).toMatchObject({ fixed: expect.any(Number), finishedAt: expect.any(String) });
    expect(status.body.lagMs.p99).toBeLessThan(1000);
    expect((await api.as('sec').get('/api/ops/projection')).status).toBe(403);
    // A second pass finds nothing left to fix.
    expect((await ctx.reconciler.run())?.fixed).toEqual([]);
  });
});
