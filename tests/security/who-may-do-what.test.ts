/**
 * Who may do what, probed as an attacker and a careless user would (issue 14): citizens reading
 * staff data and starting any procedure, tasks handed to anyone, 抄送 as a back door, terminate
 * after a refused withdraw, and a 365-day extension on a 信访 task whose statute allows 30 days once.
 * Real server and database; the built-in procedures are loaded as in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, publishDefinition, startTestApi, type TestApi } from '../api/client.js';
import { approvalDefinition } from '../../testkit/api-fixtures.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  await publishDefinition(api, approvalDefinition());
});
afterAll(async () => {
  await api?.close();
});

async function startApproval(by: string, title: string): Promise<{ caseId: string; taskId: string }> {
  const started = await api.as(by).post('/api/cases', { procedure: 'api-approval', title, orgUnit: 'v1' });
  expect(started.status).toBe(201);
  const caseId = started.body.caseId as string;
  const taskId = await eventually(async () => (await api.as(by).get(`/api/cases/${caseId}`)).body.tasks?.[0]?.id as string | undefined);
  return { caseId, taskId };
}

describe('citizens (信访人, 户主, 村民) see only their own part', () => {
  it('a 信访人 of 小河村 neither lists nor opens the village’s cases, and never sees the user directory', async () => {
    const { caseId } = await startApproval('clerk1', '村里的事项（他人）');
    await eventually(async () => (await api.as('clerk1b').get('/api/cases')).body.items.some((c: { caseId: string }) => c.caseId === caseId));
    for (const citizen of ['petitioner', 'household', 'villager']) {
      const list = await api.as(citizen).get('/api/cases');
      expect(list.status, citizen).toBe(200);
      expect(list.body.items.map((c: { caseId: string }) => c.caseId), citizen).not.toContain(caseId);
      expect((await api.as(citizen).get(`/api/cases/${caseId}`)).status, citizen).toBe(403);
      expect((await api.as(citizen).get('/api/users')).status, citizen).toBe(403);
      const me = (await api.as(citizen).get('/api/auth/me')).body;
      expect(me.capabilities, citizen).toEqual(['participant']);
    }
    expect((await api.as('clerk1').get('/api/users')).status).toBe(200);
  });

  it('a citizen may start only what names their role: not 五议两公开 / 信访 / 发展党员 for a 信访人, 五议两公开 (党员群众建议) for a 村民', async () => {
    for (const procedure of ['wuyi-liangkai', 'xinfang', 'dangyuan-fazhan']) {
      const r = await api.as('petitioner').post('/api/cases', { procedure, title: '越权发起', orgUnit: 'v1' });
      expect(r.status, procedure).toBe(403);
      expect(r.body.message, procedure).toMatch(/只能由.+发起/);
    }
    expect((await api.as('petitioner').get('/api/definitions/startable')).body).toEqual([]);
    const villagerOffer = (await api.as('villager').get('/api/definitions/startable')).body as { key: string; units: { id: string }[] }[];
    expect(villagerOffer.map((d) => d.key)).toEqual(['wuyi-liangkai']);
    // Offered at the procedure's own level (a village procedure: the villager's village, not their 组).
    expect(villagerOffer[0]!.units.map((u) => u.id).sort()).toEqual(['v1']);

    // 党员群众建议: the villager's own case, in their own list and inbox, and no one else's.
    const mine = await api.as('villager').post('/api/cases', { procedure: 'wuyi-liangkai', title: '建议修缮村口桥', orgUnit: 'v1' });
    expect(mine.status).toBe(201);
    await eventually(async () => (await api.as('villager').get('/api/cases')).body.items.some((c: { caseId: string }) => c.caseId === mine.body.caseId));
    expect((await api.as('villager').get(`/api/cases/${mine.body.caseId}`)).status).toBe(200);
    await eventually(async () => (await api.as('villager').get('/api/inbox')).body.items.some((i: { caseId: string }) => i.caseId === mine.body.caseId));
    expect((await api.as('petitioner').get(`/api/cases/${mine.body.caseId}`)).status).toBe(403);
    expect((await api.as('household').get('/api/cases')).body.items.some((c: { caseId: string }) => c.caseId === mine.body.caseId)).toBe(false);
  });

  it('a 信访人 follows their own 信访 case — once the 首问 officer records their account — and still no one else’s', async () => {
    const started = await api.as('xf').post('/api/cases', { procedure: 'xinfang', title: '信访人本人的案件', orgUnit: 'v1' });
    const caseId = started.body.caseId as string;
    expect((await api.as('petitioner').get(`/api/cases/${caseId}`)).status).toBe(403);
    const register = await eventually(async () => ((await api.as('xf').get(`/api/cases/${caseId}`)).body.tasks as { id: string; nodeId: string }[] | undefined)?.find((t) => t.nodeId === 'register'));
    const done = await api.as('xf').post(`/api/tasks/${caseId}/${register.id}/complete`, {
      action: 'register',
      data: { petitioner: '王某', petitioner_account: 'petitioner', person_count: 1, emotional_state: 'stable', summary: '低保复核', petition_content: '请求复核低保资格' },
    });
    expect(done.status).toBe(200);
    expect((await api.as('petitioner').get(`/api/cases/${caseId}`)).status).toBe(200);
    await eventually(async () => (await api.as('petitioner').get('/api/cases')).body.items.some((c: { caseId: string }) => c.caseId === caseId));
    // Named at the start (网上信访 entered by the office): the same.
    const online = await api.as('xf').post('/api/cases', { procedure: 'xinfang', title: '网上信访', orgUnit: 'v1', data: { petitioner_account: 'petitioner' } });
    expect((await api.as('petitioner').get(`/api/cases/${online.body.caseId}`)).status).toBe(200);
    expect((await api.as('household').get(`/api/cases/${online.body.caseId}`)).status).toBe(403);
    expect((await api.as('villager').get(`/api/cases/${caseId}`)).status).toBe(403);
  });

  it('staff start only the procedures their role may start: 信访 by the 信访办 or a village head, not by the 监委会', async () => {
    expect((await api.as('superv').post('/api/cases', { procedure: 'xinfang', title: '监委会登记信访', orgUnit: 'v1' })).status).toBe(403);
    expect((await api.as('clerk2').post('/api/cases', { procedure: 'xinfang', title: '村委登记信访', orgUnit: 'v2' })).status).toBe(201);
    const offer = (await api.as('xf').get('/api/definitions/startable')).body as { key: string; units: { id: string }[] }[];
    expect(offer.map((d) => d.key)).toContain('xinfang');
    // The township's 信访办 may start it in each of its villages (the procedure's level), not above or below.
    expect(offer.find((d) => d.key === 'xinfang')!.units.map((u) => u.id).sort()).toEqual(['v1', 'v2']);
    expect(offer.map((d) => d.key)).not.toContain('dangyuan-fazhan');
  });
});

describe('tasks and 抄送 go only to eligible users', () => {
  it('转办 to another village’s clerk, to a citizen or to nobody is 422 with the reason; to a colleague it works', async () => {
    const { caseId, taskId } = await startApproval('clerk1', '转办对象检查');
    const t = `/api/tasks/${caseId}/${taskId}`;
    const otherVillage = await api.as('clerk1').post(`${t}/transfer`, { toUserId: 'clerk2', reason: '请代办' });
    expect(otherVillage.status).toBe(422);
    expect(otherVillage.body).toMatchObject({ code: 'USER_NOT_ELIGIBLE', issues: [{ path: ['toUserId'] }] });
    expect(otherVillage.body.message).toMatch(/不在本案件所属单位/);
    const citizen = await api.as('clerk1').post(`${t}/transfer`, { toUserId: 'petitioner', reason: '请办理' });
    expect(citizen.status).toBe(422);
    expect(citizen.body.message).toMatch(/没有可办理「村委办理」的角色/);
    expect((await api.as('clerk1').post(`${t}/transfer`, { toUserId: 'ghost' })).body.code).toBe('USER_UNKNOWN');
    expect((await api.as('clerk1').post(`${t}/delegate`, { toUserId: 'clerk2' })).status).toBe(422);

    const picker = await api.as('clerk1').get(`/api/cases/${caseId}/tasks/${taskId}/eligible-users?for=transfer`);
    expect(picker.status).toBe(200);
    expect(picker.body.items).toEqual([expect.objectContaining({ id: 'clerk1b', name: '小河村文书乙', roleName: '村民委员会(主任、委员)', orgUnitName: '小河村' })]);
    expect((await api.as('petitioner').get(`/api/cases/${caseId}/tasks/${taskId}/eligible-users`)).status).toBe(403);

    expect((await api.as('clerk1').post(`${t}/transfer`, { toUserId: 'clerk1b', reason: '工作调整' })).status).toBe(200);
    // The citizen never got it, so cannot complete it.
    expect((await api.as('petitioner').post(`${t}/complete`, { action: 'approve', data: { summary: 'x' } })).status).toBe(403);
  });

  it('抄送 reaches only staff of the case’s units (a group leader below the village), never a citizen or another village', async () => {
    const { caseId } = await startApproval('clerk1', '抄送对象检查');
    const toCitizen = await api.as('clerk1').post(`/api/cases/${caseId}/cc`, { userIds: ['petitioner'] });
    expect(toCitizen.status).toBe(422);
    expect(toCitizen.body.issues[0]).toMatchObject({ path: ['userIds', 0] });
    expect((await api.as('clerk1').post(`/api/cases/${caseId}/cc`, { userIds: ['clerk2'] })).status).toBe(422);
    expect((await api.as('petitioner').get(`/api/cases/${caseId}`)).status).toBe(403);
    expect((await api.as('clerk2').get(`/api/cases/${caseId}`)).status).toBe(403);
    expect((await api.as('grp').get(`/api/cases/${caseId}`)).status).toBe(403);
    expect((await api.as('clerk1').post(`/api/cases/${caseId}/cc`, { userIds: ['grp'], note: '请知悉' })).status).toBe(204);
    expect((await api.as('grp').get(`/api/cases/${caseId}`)).status).toBe(200);
  });

  it('bulk reassign to a user who does not exist is 422 (was {"applied":1}); to an ineligible one too, with the reason', async () => {
    const { caseId, taskId } = await startApproval('clerk1', '批量改派检查');
    await api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/claim`);
    await eventually(async () => (await api.as('sec').post('/api/monitor/bulk/preview', { op: 'reassign', fromUserId: 'clerk1', toUserId: 'clerk1b', reason: '换届', caseIds: [caseId] })).body.changes?.length > 0);
    const ghost = await api.as('sec').post('/api/monitor/bulk/apply', { op: 'reassign', fromUserId: 'clerk1', toUserId: 'ghost', reason: '换届', caseIds: [caseId] });
    expect(ghost.status).toBe(422);
    const wrong = await api.as('sec').post('/api/monitor/bulk/apply', { op: 'reassign', fromUserId: 'clerk1', toUserId: 'clerk2', reason: '换届', caseIds: [caseId] });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'USER_NOT_ELIGIBLE', message: expect.stringMatching(/不在本案件所属单位/) });
    const right = await api.as('sec').post('/api/monitor/bulk/apply', { op: 'reassign', fromUserId: 'clerk1', toUserId: 'clerk1b', reason: '换届', caseIds: [caseId] });
    expect(right.body).toMatchObject({ applied: 1, failed: [] });
  });
});

describe('terminate follows withdraw for initiators', () => {
  it('an initiator refused 撤回 (the first task was claimed) cannot 终止 either; a supervisor can', async () => {
    const { caseId, taskId } = await startApproval('clerk1', '撤回后终止');
    await api.as('clerk1b').post(`/api/tasks/${caseId}/${taskId}/claim`);
    const withdraw = await api.as('clerk1').post(`/api/cases/${caseId}/withdraw`, { reason: '不办了' });
    expect(withdraw.body.code).toBe('WITHDRAW_TOO_LATE');
    const terminate = await api.as('clerk1').post(`/api/cases/${caseId}/terminate`, { reason: '那就终止' });
    expect(terminate.status).toBe(403);
    expect(terminate.body).toMatchObject({ code: 'TERMINATE_TOO_LATE', message: expect.stringMatching(/只有督办领导可以终止/) });
    const bySupervisor = await api.as('sec').post(`/api/cases/${caseId}/terminate`, { reason: '督办终止' });
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body.state.status).toBe('terminated');
  });

  it('while the first task is untouched the initiator may still end the case either way', async () => {
    const { caseId } = await startApproval('clerk1', '未处理即终止');
    const r = await api.as('clerk1').post(`/api/cases/${caseId}/terminate`, { reason: '误发起' });
    expect(r.status).toBe(200);
    expect(r.body.state.status).toBe('terminated');
  });
});

describe('extensions are capped by the node’s statute', () => {
  it('信访 办理: +365 days is refused, +30 days once is granted, a second extension is refused', async () => {
    const started = await api.as('xf').post('/api/cases', { procedure: 'xinfang', title: '信访延期上限', orgUnit: 'v1' });
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;
    const open = async (nodeId: string) =>
      eventually(async () => ((await api.as('xf').get(`/api/cases/${caseId}`)).body.tasks as { id: string; nodeId: string; status: string }[] | undefined)?.find((t) => t.nodeId === nodeId && t.status !== 'done' && t.status !== 'cancelled'));
    const complete = async (who: string, nodeId: string, body: object) => {
      const task = await open(nodeId);
      const r = await api.as(who).post(`/api/tasks/${caseId}/${task.id}/complete`, body);
      expect(r.status, `${nodeId}: ${JSON.stringify(r.body).slice(0, 200)}`).toBe(200);
    };
    await complete('xf', 'register', {
      action: 'register',
      data: { petitioner: '张某', person_count: 1, emotional_state: 'stable', summary: '宅基地纠纷', petition_content: '请求重新丈量宅基地' },
    });
    await complete('xf', 'office_reception', { action: 'received', data: { reception_record: '接谈' } });
    await complete('xf', 'accept_decision', { action: 'decide', data: { acceptance: 'accept' } });
    const handle = await open('handle');

    const year = await api.as('sec').post(`/api/cases/${caseId}/extend`, { taskId: handle.id, amount: 365, unit: 'calendarDays', reason: '情况复杂' });
    expect(year.status).toBe(422);
    expect(year.body).toMatchObject({ code: 'EXTENSION_LIMIT', message: expect.stringMatching(/延期累计不得超过 30 日.*信访工作条例/) });
    const workdays = await api.as('sec').post(`/api/cases/${caseId}/extend`, { taskId: handle.id, amount: 20, unit: 'workingDays', reason: '情况复杂' });
    expect(workdays.status).toBe(422);
    const month = await api.as('sec').post(`/api/cases/${caseId}/extend`, { taskId: handle.id, amount: 30, unit: 'calendarDays', reason: '情况复杂，经负责人批准' });
    expect(month.status).toBe(200);
    const again = await api.as('sec').post(`/api/cases/${caseId}/extend`, { taskId: handle.id, amount: 1, unit: 'calendarDays', reason: '再延一天' });
    expect(again.status).toBe(422);
    expect(again.body.message).toMatch(/最多延期 1 次/);
    // The bulk 延期 of the monitor goes through the same rule.
    const bulk = await api.as('sec').post('/api/monitor/bulk/apply', { op: 'extend', amount: 10, unit: 'calendarDays', reason: '批量延期', caseIds: [caseId] });
    expect(bulk.body.applied).toBe(0);
    expect(bulk.body.failed[0].message).toMatch(/最多延期 1 次/);
  });
});
