/**
 * Hand-off, starting a case and forms through HTTP (issue 18), on the real database and Temporal:
 * the start form with field paths and a derived title, the task viewer (what the page may offer),
 * 转办 naming from whom to whom, 拿回, the people picker's pinyin, and out-of-office 委托 rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, publishDefinition, startTestApi, type TestApi } from './client.js';
import { shanghaiDate } from '../../activities/business-calendar.js';
import type { DefinitionInput } from '../../dsl/schema.js';

let api: TestApi;

/** 登记 (the starter's own step: the start form) → 村委办理 (VIL_COMM) → 镇审核 (TWN_DEPT) → end. */
const handoff: DefinitionInput = {
  key: 'api-handoff',
  version: 1,
  schemaVersion: 1,
  title: '交办事项',
  roles: [
    { key: 'VIL_COMM', name: '村委' },
    { key: 'TWN_DEPT', name: '镇科办' },
  ],
  starterRoles: ['VIL_COMM'],
  summaryFields: ['summary'],
  fields: [
    { key: 'summary', label: '事项名称', type: 'text' },
    { key: 'phone', label: '联系电话', type: 'text', format: 'mobile' },
    { key: 'idno', label: '身份证号', type: 'text', format: 'idCard' },
    { key: 'amount', label: '金额', type: 'money' },
    { key: 'visit_date', label: '来访日期', type: 'date' },
  ],
  nodes: [
    { id: 'start', name: '开始', kind: 'start' },
    {
      id: 'register',
      name: '登记',
      kind: 'task',
      assignment: { type: 'initiator' },
      form: ['summary', 'phone', 'idno', 'amount', 'visit_date'],
      requiredFields: ['summary', 'phone'],
      operations: ['takeBack', 'transfer', 'delegate', 'comment'],
      deadline: { duration: { amount: 3, unit: 'calendarDays' }, timeoutAction: 'none' },
    },
    {
      id: 'handle',
      name: '村委办理',
      kind: 'task',
      assignment: { type: 'role', role: 'VIL_COMM' },
      form: ['phone'],
      operations: ['transfer', 'delegate', 'return', 'comment', 'addSigner'],
      returnTargets: ['register'],
      deadline: { duration: { amount: 3, unit: 'calendarDays' }, timeoutAction: 'none' },
    },
    { id: 'review', name: '镇审核', kind: 'task', assignment: { type: 'role', role: 'TWN_DEPT', scope: 'township' }, deadline: { duration: { amount: 5, unit: 'calendarDays' }, timeoutAction: 'none' } },
    { id: 'done', name: '办结', kind: 'end', outcome: 'done' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'register' },
    { id: 'e2', from: 'register', to: 'handle' },
    { id: 'e3', from: 'handle', to: 'review' },
    { id: 'e4', from: 'review', to: 'done' },
  ],
};

beforeAll(async () => {
  api = await startTestApi();
  await publishDefinition(api, handoff);
});
afterAll(async () => {
  await api?.close();
});

const good = { summary: '村道路灯维修', phone: '13812345678', idno: '11010519491231002X', amount: 1200.5, visit_date: '2026-12-01' };
const task = (s: { tasks: { id: string; nodeId: string; status: string }[] }, nodeId: string) => s.tasks.findLast((t) => t.nodeId === nodeId);

describe('starting a case as DingTalk does', () => {
  it('offers the procedure only in the units of its level: a village clerk gets their village, not its groups', async () => {
    const res = await api.as('clerk1').get('/api/definitions/startable');
    expect(res.body.find((d: { key: string }) => d.key === 'api-handoff')?.units).toEqual([{ id: 'v1', name: '小河村' }]);
    expect((await api.as('sec').get('/api/definitions/startable')).body.some((d: { key: string }) => d.key === 'api-handoff')).toBe(false);
  });

  it('checks the start form field by field: every error at data.<field>, 手机号 and 身份证号 checked', async () => {
    const bad = await api.as('clerk1').post('/api/cases', {
      procedure: 'api-handoff',
      orgUnit: 'v1',
      submitStartStep: true,
      data: { phone: 'abc-电话', idno: '110105194912310021', amount: 12.345, visit_date: '2026-02-30' },
    });
    expect(bad.status).toBe(422);
    const paths = bad.body.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(['data.summary', 'data.phone', 'data.idno', 'data.amount', 'data.visit_date']);
    expect(bad.body.issues.find((i: { path: string[] }) => i.path[1] === 'idno').message).toContain('校验位');
    expect(bad.body.issues.find((i: { path: string[] }) => i.path[1] === 'summary').message).toBe('请填写事项名称');
  });

  it('a valid start form completes the starter’s own step; the title comes from 事项名称; the case is at its second step when the answer arrives', async () => {
    const res = await api.as('clerk1').post('/api/cases', { procedure: 'api-handoff', orgUnit: 'v1', submitStartStep: true, data: good });
    expect(res.status).toBe(201);
    const c = (await api.as('clerk1').get(`/api/cases/${res.body.caseId}`)).body;
    expect(c.title).toBe('村道路灯维修');
    expect(task(c, 'register')).toMatchObject({ status: 'done', completedBy: 'clerk1' });
    expect(task(c, 'handle')?.status).toBe('open');
    expect(c.data).toMatchObject({ phone: '13812345678' });
  });
});

describe('the task page offers only what the engine will accept', () => {
  it('转办 to a colleague picked from the eligible users (with pinyin); the old holder is left with nothing to do; the timeline names both', async () => {
    const { caseId } = (await api.as('clerk1').post('/api/cases', { procedure: 'api-handoff', orgUnit: 'v1', submitStartStep: true, data: good })).body;
    const handle = task((await api.as('clerk1').get(`/api/cases/${caseId}`)).body, 'handle')!;
    const url = `/api/tasks/${caseId}/${handle.id}`;
    await api.as('clerk1').post(`${url}/claim`);
    const before = (await api.as('clerk1').get(url)).body.viewer;
    expect(before).toMatchObject({ canAct: true, canClaim: false, canUnclaim: true, holder: '小河村文书甲' });
    expect(before.ops).toEqual(expect.arrayContaining(['transfer', 'delegate', 'return']));
    expect(before.ops).not.toContain('addSigner'); // not a countersign step
    expect(before.returnTargets).toEqual([{ nodeId: 'register', name: '登记' }]);
    const people = (await api.as('clerk1').get(`/api/cases/${caseId}/tasks/${handle.id}/eligible-users?for=transfer`)).body.items;
    expect(people).toContainEqual({ id: 'clerk1b', name: '小河村文书乙', roleName: expect.any(String), orgUnitName: '小河村', pinyin: 'xiaohecunwenshuyi', initials: 'xhcwsy' });
    const sent = await api.as('clerk1').post(`${url}/transfer`, { toUserId: 'clerk1b', toName: '冒名', reason: '我下周外出' });
    expect(sent.status).toBe(200);
    expect(sent.body.state.timeline.findLast((e: { type: string }) => e.type === 'task.transferred').detail).toMatchObject({ fromName: '小河村文书甲', toName: '小河村文书乙' });
    const after = (await api.as('clerk1').get(url)).body.viewer;
    expect(after).toMatchObject({ canAct: false, canClaim: false, canUnclaim: false });
    expect(after.ops).not.toContain('transfer');
    expect((await api.as('clerk1b').get(url)).body.viewer).toMatchObject({ canAct: true, canClaim: true });
  });

  it('拿回: the starter sees it offered on their done step while 村委办理 is untouched, takes it back, and it is gone once claimed', async () => {
    const { caseId } = (await api.as('clerk1').post('/api/cases', { procedure: 'api-handoff', orgUnit: 'v1', submitStartStep: true, data: good })).body;
    const c = (await api.as('clerk1').get(`/api/cases/${caseId}`)).body;
    const register = task(c, 'register')!;
    const view = (await api.as('clerk1').get(`/api/tasks/${caseId}/${register.id}`)).body.viewer;
    expect(view.takeBack).toEqual({ allowed: true, nextNodeName: '村委办理' });
    expect((await api.as('clerk1b').get(`/api/tasks/${caseId}/${register.id}`)).body.viewer.takeBack).toBeUndefined();
    const back = await api.as('clerk1').post(`/api/tasks/${caseId}/${register.id}/take-back`, { reason: '电话登记错了' });
    expect(back.status).toBe(200);
    expect(task(back.body.state, 'register')).toMatchObject({ status: 'claimed', claimedBy: 'clerk1' });
    // Done again, then 村委办理 claimed: too late.
    const again = task(back.body.state, 'register')!;
    await api.as('clerk1').post(`/api/tasks/${caseId}/${again.id}/complete`, { data: { phone: '13912345678' } });
    const handle = await eventually(async () => task((await api.as('clerk1').get(`/api/cases/${caseId}`)).body, 'handle'));
    await api.as('clerk1b').post(`/api/tasks/${caseId}/${handle!.id}/claim`);
    const late = await api.as('clerk1').get(`/api/tasks/${caseId}/${again.id}`);
    expect(late.body.viewer.takeBack).toMatchObject({ allowed: false, reason: expect.stringContaining('已被签收') });
    const refused = await api.as('clerk1').post(`/api/tasks/${caseId}/${again.id}/take-back`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('TAKE_BACK_NOT_ALLOWED');
  });

  it('a completion with a malformed phone number is 422 at data.phone', async () => {
    const { caseId } = (await api.as('clerk1').post('/api/cases', { procedure: 'api-handoff', orgUnit: 'v1', submitStartStep: true, data: good })).body;
    const handle = task((await api.as('clerk1').get(`/api/cases/${caseId}`)).body, 'handle')!;
    const res = await api.as('clerk1').post(`/api/tasks/${caseId}/${handle.id}/complete`, { data: { phone: 'abc-电话' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INVALID_FORM');
    expect(res.body.issues).toEqual([{ path: ['data', 'phone'], message: expect.stringContaining('11 位') }]);
  });
});

describe('out-of-office 委托 rules', () => {
  const today = shanghaiDate(new Date());
  const plus = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));

  it('a clerk away for a week: tasks that reach them go to the colleague they named, who acts on their behalf', async () => {
    const cands = (await api.as('clerk1').get('/api/delegations/candidates')).body.items.map((p: { id: string }) => p.id);
    expect(cands).toContain('clerk1b');
    expect(cands).not.toContain('clerk2'); // another village
    const wrong = await api.as('clerk1').post('/api/delegations', { toUserId: 'clerk2', startsOn: today, endsOn: plus(6) });
    expect(wrong.status).toBe(422);
    expect(wrong.body.issues[0].path).toEqual(['toUserId']);
    const backwards = await api.as('clerk1').post('/api/delegations', { toUserId: 'clerk1b', startsOn: plus(3), endsOn: today });
    expect(backwards.body.issues.map((i: { path: string[] }) => i.path[0])).toContain('endsOn');

    const made = await api.as('clerk1').post('/api/delegations', { toUserId: 'clerk1b', startsOn: today, endsOn: plus(6), reason: '外出培训' });
    expect(made.status).toBe(201);
    expect(made.body.rule).toMatchObject({ fromName: '小河村文书甲', toName: '小河村文书乙', procedure: null });
    expect(Date.parse(made.body.rule.endsAt) - Date.parse(made.body.rule.startsAt)).toBe(7 * 86_400_000);
    const twice = await api.as('clerk1').post('/api/delegations', { toUserId: 'clerk1b', startsOn: plus(2), endsOn: plus(3) });
    expect(twice.status).toBe(409);
    expect((await api.as('clerk1b').get('/api/delegations')).body.received.map((r: { id: string }) => r.id)).toEqual([made.body.rule.id]);

    // A case whose first step is clerk1's own (not submitted at start): it reaches clerk1b too.
    const { caseId } = (await api.as('clerk1').post('/api/cases', { procedure: 'api-handoff', orgUnit: 'v1', title: '委托期间的登记' })).body;
    const reg = await eventually(async () => task((await api.as('clerk1').get(`/api/cases/${caseId}`)).body, 'register'));
    const c = (await api.as('clerk1').get(`/api/cases/${caseId}`)).body;
    expect(task(c, 'register')).toMatchObject({ assignees: ['clerk1', 'clerk1b'], actingFor: { clerk1b: 'clerk1' } });
    const inbox = await eventually(async () => {
      const items = (await api.as('clerk1b').get('/api/inbox?tab=todo')).body.items;
      return items.some((i: { taskId: string }) => i.taskId === reg!.id) ? items : undefined;
    });
    expect(inbox).toBeDefined();
    const done = await api.as('clerk1b').post(`/api/tasks/${caseId}/${reg!.id}/complete`, { data: { summary: '代办', phone: '13812345678' } });
    expect(done.status).toBe(200);
    expect(done.body.state.timeline.find((e: { type: string; taskId?: string }) => e.type === 'task.completed' && e.taskId === reg!.id).detail).toMatchObject({ onBehalfOf: 'clerk1' });

    const gone = await call204(`/api/delegations/${made.body.rule.id}`);
    expect(gone).toBe(204);
    expect((await api.as('clerk1').get('/api/delegations')).body.given).toEqual([]);
  });
});

async function call204(path: string): Promise<number> {
  const res = await fetch(api.stack.url + path, { method: 'DELETE', headers: { cookie: api.cookies.clerk1! } });
  return res.status;
}
