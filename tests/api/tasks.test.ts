import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, publishDefinition, startTestApi, type TestApi } from './client.js';
import { approvalDefinition, ballotDefinition, countersignDefinition, meetingDefinition } from '../../testkit/api-fixtures.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  for (const def of [approvalDefinition(), ballotDefinition(), countersignDefinition(), meetingDefinition()]) await publishDefinition(api, def);
});
afterAll(async () => {
  await api?.close();
});

/** Starts a case as `user` and waits until its first task exists; returns case and task ids. */
async function startCase(user: string, procedure: string, title: string, data: Record<string, unknown> = {}) {
  const res = await api.as(user).post('/api/cases', { procedure, title, orgUnit: 'v1', data });
  expect(res.status).toBe(201);
  const caseId = res.body.caseId as string;
  const taskId = await eventually(async () => (await api.as(user).get(`/api/cases/${caseId}`)).body.tasks?.find((t: { status: string }) => t.status === 'open')?.id as string | undefined);
  return { caseId, taskId };
}

const openTask = async (user: string, caseId: string) =>
  eventually(async () => (await api.as(user).get(`/api/cases/${caseId}`)).body.tasks?.find((t: { status: string }) => t.status === 'open' || t.status === 'claimed'));

describe('task operations through HTTP', () => {
  it('claim, claim by another (409), unclaim, comment, urge', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-approval', '签收测试', { summary: '修路' });
    const t = `/api/tasks/${caseId}/${taskId}`;
    const claimed = await api.as('clerk1').post(`${t}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.state.tasks[0]).toMatchObject({ status: 'claimed', claimedBy: 'clerk1' });
    const other = await api.as('clerk1b').post(`${t}/claim`);
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'TASK_CLAIMED_BY_OTHER', message: '该任务已被他人签收' });
    expect((await api.as('clerk1').post(`${t}/unclaim`)).body.state.tasks[0].status).toBe('open');
    const commented = await api.as('clerk1b').post(`${t}/comment`, { comment: '请尽快办理' });
    expect(commented.body.state.timeline.some((e: { comment?: string }) => e.comment === '请尽快办理')).toBe(true);
    const urged = await api.as('sec').post(`${t}/urge`, { comment: '督促' });
    expect(urged.status).toBe(200);
    expect(urged.body.state.tasks[0].urgedCount).toBe(1);
    const empty = await api.as('clerk1').post(`${t}/comment`, { comment: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.body.issues[0].path).toEqual(['comment']);
  });

  it('complete with form data moves the case on; a form error is 422 with the engine code; the task detail carries its form', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-approval', '办理测试');
    const detail = await api.as('clerk1').get(`/api/tasks/${caseId}/${taskId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.fields.map((f: { key: string }) => f.key)).toEqual(['petitionerName', 'summary', 'amount']);
    expect(detail.body.node.actions.map((a: { name: string }) => a.name)).toEqual(['approve', 'reject']);
    expect(detail.body.case).toMatchObject({ caseId, title: '办理测试', orgUnitName: '小河村' });

    const missing = await api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/complete`, { action: 'approve', data: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('INVALID_FORM');
    expect(missing.body.message).toMatch(/事项摘要/);
    const noReason = await api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/complete`, { action: 'reject' });
    expect(noReason.body.code).toBe('COMMENT_REQUIRED');

    // 900 KB pasted into a form is refused at once (it would otherwise land in the case history and stall the case).
    const huge = await api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/complete`, { action: 'approve', data: { summary: '长'.repeat(300_000), amount: 1 } });
    expect(huge.status).toBe(422);
    expect(huge.body.issues[0].message).toMatch(/内容过大/);
    const hugeStart = await api.as('clerk1').post('/api/cases', { procedure: 'api-approval', title: '超大数据', orgUnit: 'v1', data: { summary: 'x'.repeat(900_000) } });
    expect(hugeStart.status).toBe(422);

    const done = await api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/complete`, { action: 'approve', data: { summary: '修缮村道', amount: 12000 } });
    expect(done.status).toBe(200);
    expect(done.body.state.data).toMatchObject({ summary: '修缮村道', amount: 12000 });
    const review = await openTask('dept', caseId);
    expect(review.nodeId).toBe('review');

    // 退回 from 镇审核 back to 村委办理.
    const returned = await api.as('dept').post(`/api/tasks/${caseId}/${review.id}/return`, { toNodeId: 'handle', reason: '材料不全' });
    expect(returned.status).toBe(200);
    expect(returned.body.state.currentNodes.map((n: { nodeId: string }) => n.nodeId)).toEqual(['handle']);
    const bad = await api.as('dept').post(`/api/tasks/${caseId}/${review.id}/return`, { toNodeId: 'handle', reason: '再退' });
    expect(bad.status).toBe(409);
    expect(bad.body.code).toBe('TASK_NOT_OPEN');

    const done2 = await api.as('clerk1').get('/api/inbox?tab=done');
    expect(done2.body.items.some((i: { caseId: string; nodeName: string }) => i.caseId === caseId && i.nodeName === '村委办理')).toBe(true);
  });

  it('two people completing the same task at once: one gets 200, the other 409 with a clear message', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-approval', '并发办理');
    const body = { action: 'approve', data: { summary: '并发' } };
    const [a, b] = await Promise.all([
      api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/complete`, body),
      api.as('clerk1b').post(`/api/tasks/${caseId}/${taskId}/complete`, body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(['TASK_NOT_OPEN', 'TASK_CLAIMED_BY_OTHER']).toContain(loser.body.code);
    expect(loser.body.message).toMatch(/已办结|已被他人签收/);
    const state = (await api.as('clerk1').get(`/api/cases/${caseId}`)).body;
    expect(state.timeline.filter((e: { type: string; taskId?: string }) => e.type === 'task.completed' && e.taskId === taskId)).toHaveLength(1);
  });

  it('many concurrent updates on one case are all answered (retried, never surfaced as errors)', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-approval', '并发评论');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => api.as(i % 2 ? 'clerk1' : 'clerk1b').post(`/api/tasks/${caseId}/${taskId}/comment`, { comment: `意见 ${i}` })));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    const state = (await api.as('clerk1').get(`/api/cases/${caseId}`)).body;
    expect(state.timeline.filter((e: { comment?: string }) => e.comment?.startsWith('意见 '))).toHaveLength(12);
  });

  it('transfer (转办) and delegate (委托) move the task to another person who can then complete it', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-approval', '转办委托');
    const t = `/api/tasks/${caseId}/${taskId}`;
    const unknown = await api.as('clerk1').post(`${t}/transfer`, { toUserId: 'ghost', reason: '不存在' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('USER_UNKNOWN');
    // Only to someone who may work on 村委办理 in 小河村 (tests/security/who-may-do-what.test.ts has the refusals).
    const moved = await api.as('clerk1').post(`${t}/transfer`, { toUserId: 'clerk1b', reason: '请文书乙办理' });
    expect(moved.status).toBe(200);
    expect(moved.body.state.tasks[0].assignees).toEqual(['clerk1b']);
    // clerk1 no longer holds the task.
    expect((await api.as('clerk1').post(`${t}/complete`, { data: { summary: 'x' } })).body.code).toBe('NOT_ASSIGNEE');
    const delegated = await api.as('clerk1b').post(`${t}/delegate`, { toUserId: 'clerk1', reason: '外出' });
    expect(delegated.status).toBe(200);
    const done = await api.as('clerk1').post(`${t}/complete`, { action: 'approve', data: { summary: '代办完成' } });
    expect(done.status).toBe(200);
    expect(done.body.state.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['task.transferred', 'task.delegated', 'task.completed']));
  });

  it('add-signer (加签) on a 会签 task: the added signer must sign too before the case ends', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-countersign', '会签加签');
    const t = `/api/tasks/${caseId}/${taskId}`;
    const added = await api.as('clerk1').post(`${t}/add-signer`, { userIds: ['superv'], reason: '请监委会签' });
    expect(added.status).toBe(200);
    expect(added.body.state.tasks[0].signers.map((s: { userId: string }) => s.userId)).toEqual(['clerk1', 'clerk1b', 'superv']);
    await api.as('clerk1').post(`${t}/complete`, {});
    const again = await api.as('clerk1').post(`${t}/complete`, {});
    expect(again.body.code).toBe('ALREADY_SIGNED');
    await api.as('clerk1b').post(`${t}/complete`, {});
    expect((await api.as('clerk1').get(`/api/cases/${caseId}`)).body.status).toBe('running');
    const last = await api.as('superv').post(`${t}/complete`, {});
    expect(last.body.state).toMatchObject({ status: 'completed', outcome: 'signed' });
  });
});

describe('case operations through HTTP', () => {
  it('withdraw by the initiator while untouched; others get 403 NOT_INITIATOR', async () => {
    const { caseId } = await startCase('clerk1', 'api-approval', '撤回测试');
    const notMine = await api.as('clerk1b').post(`/api/cases/${caseId}/withdraw`, { reason: '不是我发起的' });
    expect(notMine.status).toBe(403);
    expect(notMine.body.code).toBe('NOT_INITIATOR');
    const res = await api.as('clerk1').post(`/api/cases/${caseId}/withdraw`, { reason: '填错了' });
    expect(res.body.state.status).toBe('withdrawn');
  });

  it('suspend and resume (supervisor only), extend a deadline with a ledger entry, escalate turns the light red, terminate', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-approval', '督办测试');
    const c = `/api/cases/${caseId}`;
    const clerkSuspend = await api.as('clerk1').post(`${c}/suspend`, { reason: '想中止' });
    expect(clerkSuspend.status).toBe(403);
    expect(clerkSuspend.body.code).toBe('NOT_SUPERVISOR');
    expect((await api.as('sec').post(`${c}/suspend`, { reason: '等待上级答复' })).body.state.status).toBe('suspended');
    const blocked = await api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/complete`, { data: { summary: 'x' } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('CASE_SUSPENDED');
    expect((await api.as('sec').post(`${c}/resume`, {})).body.state.status).toBe('running');

    const before = (await api.as('sec').get(c)).body.tasks[0].dueAt;
    const extended = await api.as('sec').post(`${c}/extend`, { taskId, amount: 2, unit: 'calendarDays', reason: '群众外出' });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.state.tasks[0].dueAt)).toBeGreaterThan(Date.parse(before));
    expect(extended.body.state.ledger.find((l: { kind: string }) => l.kind === 'extend')).toMatchObject({ reason: '群众外出', from: before });

    const escalated = await api.as('sec').post(`${c}/escalate`, { taskId, reason: '久拖不办' });
    expect(escalated.body.state.health).toBe('red');
    const urged = await api.as('sec').post(`${c}/urge`, { taskId, comment: '限今日办结' });
    expect(urged.status).toBe(200);
    const terminated = await api.as('sec').post(`${c}/terminate`, { reason: '重复立案' });
    expect(terminated.body.state.status).toBe('terminated');
    const after = await api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/complete`, { data: { summary: 'x' } });
    expect(after.status).toBe(409);
    expect(['CASE_ENDED', 'TASK_NOT_OPEN']).toContain(after.body.code);
  });
});

describe('votes, publicity and secrecy', () => {
  it('paper-ballot tally entered by the teller, confirmed by the scrutineer (not the teller), then an objection during 公示', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-meeting', '代表会议');
    const t = `/api/tasks/${caseId}/${taskId}`;
    const tally = await api.as('clerk1').post(`${t}/tally`, { groups: [{ entitled: 30, present: 21, yes: 12, no: 6, abstain: 3 }] });
    expect(tally.status).toBe(200);
    // The count now waits in the 监票人's inbox (not only behind a link from the teller).
    await eventually(async () => {
      const inbox = await api.as('superv').get('/api/inbox?tab=todo');
      return inbox.body.items.some((i: { caseId: string; taskId: string }) => i.caseId === caseId && i.taskId === taskId);
    });
    const self = await api.as('clerk1').post(`${t}/confirm-tally`, { confirm: true });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SCRUTINEER_IS_TELLER');
    const confirmed = await api.as('superv').post(`${t}/confirm-tally`, { confirm: true });
    expect(confirmed.status).toBe(200);
    const vote = confirmed.body.state.votes[0];
    expect(vote.result.outcome).toBe('passed');
    expect(vote.result.explanation.join(' ')).toMatch(/21/);
    await eventually(async () => (await api.as('clerk1').get(`/api/cases/${caseId}`)).body.publicity?.length > 0);
    const obj = await api.as('clerk1b').post(`/api/cases/${caseId}/objections`, { nodeId: 'publicity', content: '补偿标准有异议' });
    expect(obj.status).toBe(200);
    expect(obj.body.state.publicity[0].objections[0]).toMatchObject({ by: 'clerk1b', content: '补偿标准有异议' });
  });

  it('secret ballots: who voted what appears in no response — not the case, the task, the inbox or the list', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-ballot', '无记名表决');
    const t = `/api/tasks/${caseId}/${taskId}`;
    const responses: unknown[] = [];
    responses.push((await api.as('clerk1').post(`${t}/ballot`, { choice: 'no' })).body);
    const twice = await api.as('clerk1').post(`${t}/ballot`, { choice: 'yes' });
    expect(twice.body.code).toBe('ALREADY_VOTED');
    responses.push((await api.as('clerk1b').post(`${t}/ballot`, { choice: 'yes' })).body);
    const outsider = await api.as('superv').post(`${t}/ballot`, { choice: 'yes' });
    expect(outsider.body.code).toBe('NOT_A_VOTER');
    const closed = await api.as('clerk1').post(`${t}/close-ballot`, {});
    expect(closed.status).toBe(200);
    responses.push(closed.body);
    for (const user of ['clerk1', 'sec', 'admin']) {
      responses.push((await api.as(user).get(`/api/cases/${caseId}`)).body);
      responses.push((await api.as(user).get(t)).body);
    }
    responses.push((await api.as('clerk1').get('/api/inbox?tab=done')).body, (await api.as('clerk1').get('/api/cases')).body);
    const text = JSON.stringify(responses);
    // Counts are public, the link between a voter and a choice is not.
    expect(closed.body.state.votes[0].ballotsCast).toBe(2);
    expect(text).not.toMatch(/namedChoices/);
    expect(text).not.toMatch(/"choice"/);
    for (const r of responses as { state?: { timeline: { type: string; detail?: object }[] } }[]) {
      for (const e of r.state?.timeline ?? []) if (e.type === 'vote.ballotCast') expect(Object.keys(e.detail ?? {})).toEqual(['round']);
    }
  });

  it('信访 personal data (sensitive fields) is "***" for a village clerk and visible to the 信访 office', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-approval', '来信事项', { petitionerName: '张三', summary: '宅基地纠纷' });
    const clerk = (await api.as('clerk1').get(`/api/cases/${caseId}`)).body;
    expect(clerk.data).toMatchObject({ petitionerName: '***', summary: '宅基地纠纷' });
    expect(JSON.stringify(clerk)).not.toContain('张三');
    expect(JSON.stringify((await api.as('clerk1').get(`/api/tasks/${caseId}/${taskId}`)).body)).not.toContain('张三');
    expect((await api.as('dept').get(`/api/cases/${caseId}`)).body.data.petitionerName).toBe('***');
    expect((await api.as('xf').get(`/api/cases/${caseId}`)).body.data.petitionerName).toBe('张三');
    expect((await api.as('sec').get(`/api/cases/${caseId}`)).body.data.petitionerName).toBe('张三');
    const commented = await api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/comment`, { comment: '已受理' });
    expect(JSON.stringify(commented.body)).not.toContain('张三');
  });
});

describe('inbox, 抄送 and notifications', () => {
  it('todo lists tasks claimable through my role in my village, sorted by due date; not another village’s', async () => {
    const { caseId, taskId } = await startCase('clerk1', 'api-approval', '待办列表');
    const mine = await eventually(async () => {
      const r = await api.as('clerk1b').get('/api/inbox?tab=todo');
      return r.body.items.find((i: { taskId: string; caseId: string }) => i.caseId === caseId && i.taskId === taskId);
    });
    expect(mine).toMatchObject({ caseTitle: '待办列表', nodeName: '村委办理', kind: 'task', orgUnit: 'v1', orgUnitName: '小河村', procedureTitle: '村务事项审批' });
    const items = (await api.as('clerk1b').get('/api/inbox?tab=todo')).body.items as { dueAt: string | null }[];
    const dues = items.map((i) => i.dueAt ?? '9999');
    expect(dues).toEqual([...dues].sort());
    expect((await api.as('clerk2').get('/api/inbox?tab=todo')).body.items.some((i: { caseId: string }) => i.caseId === caseId)).toBe(false);
    // Claimed by clerk1: gone from clerk1b's list.
    await api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/claim`);
    await eventually(async () => !(await api.as('clerk1b').get('/api/inbox?tab=todo')).body.items.some((i: { caseId: string }) => i.caseId === caseId));
  });

  it('抄送 puts the case in the recipient’s cc tab and lets them open it (a group leader below the village)', async () => {
    const { caseId } = await startCase('clerk1', 'api-approval', '抄送测试');
    expect((await api.as('grp').get(`/api/cases/${caseId}`)).status).toBe(403);
    expect((await api.as('clerk1').post(`/api/cases/${caseId}/cc`, { userIds: ['grp'], note: '请知悉' })).status).toBe(204);
    const cc = await api.as('grp').get('/api/inbox?tab=cc');
    expect(cc.body.items[0]).toMatchObject({ caseId, caseTitle: '抄送测试', note: '请知悉', fromUser: 'clerk1' });
    expect((await api.as('grp').get(`/api/cases/${caseId}`)).status).toBe(200);
    // Never to another village (tests/security/who-may-do-what.test.ts).
    expect((await api.as('clerk1').post(`/api/cases/${caseId}/cc`, { userIds: ['clerk2'] })).status).toBe(422);
  });

  it('assignment notifications arrive in-app with an unread count; marking one read lowers it', async () => {
    const n = await eventually(async () => {
      const r = await api.as('dept').get('/api/notifications?unread=true');
      return r.body.unread > 0 ? r.body : undefined;
    });
    expect(n.items[0]).toMatchObject({ kind: expect.any(String), caseId: expect.any(String), readAt: null });
    expect((await api.as('dept').post(`/api/notifications/${n.items[0].id}/read`)).status).toBe(204);
    expect((await api.as('dept').get('/api/notifications?unread=true')).body.unread).toBe(n.unread - 1);
    expect((await api.as('clerk2').post(`/api/notifications/${n.items[0].id}/read`)).status).toBe(404);
  });
});
