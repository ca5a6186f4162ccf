/**
 * 试运行 through the API (issue 19), against the real database, the real dev server of the app and
 * a time-skipping test server of the play's own: a draft runs as a sandbox case that no inbox and
 * no case list sees; the designer acts on each step as its holder, moves the sandbox clock to see a
 * deadline turn yellow and a 公示 end, and an objection sends the case to 核实 before its end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestApi, type TestApi } from './client.js';
import { playDefinition } from '../../testkit/play-fixtures.js';
import type { PlayView } from '../../api/play.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const designer = () => api.as('designer');
const openTasks = (v: PlayView) => v.state.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');

describe('试运行 of a draft', () => {
  it('is the 流程管理员\'s: a clerk is refused, a draft with errors is refused in words', async () => {
    const def = playDefinition('play-refused');
    expect((await api.as('clerk1').post('/api/play', { definition: def, orgUnit: 'v1' })).status).toBe(403);
    const broken = { ...def, edges: [...def.edges, { id: 'e9', from: 'draft', to: 'nowhere' }] };
    const res = await designer().post('/api/play', { definition: broken, orgUnit: 'v1' });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^草稿有 \d+ 处错误，改正后才能试运行/);
  });

  it('plays a draft through a vote and a 公示 with an objection to its end, on its own clock, seen by nobody else', async () => {
    const start = await designer().post<PlayView>('/api/play', { definition: playDefinition('play-demo'), orgUnit: 'v1', data: {} });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    let v = start.body;
    const playId = v.playId;
    const [draft] = openTasks(v);
    expect(draft?.nodeName).toBe('村委拟定公开内容');
    expect(v.actingAs[draft!.id]).toMatch(/村民委员会（试运行）$/);
    // Nobody real is given the step: the village's clerk has nothing new, no case list shows it.
    const inbox = await api.as('clerk1').get('/api/inbox');
    expect(JSON.stringify(inbox.body)).not.toContain(playId);
    expect(JSON.stringify((await designer().get('/api/cases')).body)).not.toContain(playId);

    // The clock: to the warning point of the 3-day step — it turns yellow without anyone acting.
    expect(v.state.health).toBe('green');
    const warnAt = Date.parse(draft!.warnAt!);
    v = (await designer().post<PlayView>(`/api/play/${playId}/advance`, { by: 'next' })).body;
    expect(Date.parse(v.now)).toBeGreaterThanOrEqual(warnAt);
    expect(v.state.health).toBe('yellow');

    // A required field left empty is refused at its field; then done as the 村委.
    const empty = await designer().post(`/api/play/${playId}/act`, { kind: 'complete', taskId: draft!.id, data: {} });
    expect(empty.status).toBe(422);
    expect(JSON.stringify(empty.body.issues)).toContain('content');
    v = (await designer().post<PlayView>(`/api/play/${playId}/act`, { kind: 'complete', taskId: draft!.id, data: { content: '2026年第四季度财务收支' } })).body;
    const vote = openTasks(v)[0]!;
    expect(vote.nodeName).toBe('村民代表会议表决');

    // The tally (teller), confirmed by the 监票人 — two different stand-ins.
    v = (await designer().post<PlayView>(`/api/play/${playId}/act`, { kind: 'tally', taskId: vote.id, groups: [{ entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 }] })).body;
    const confirm = await designer().post<PlayView>(`/api/play/${playId}/act`, { kind: 'confirmTally', taskId: vote.id, confirm: true });
    expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
    v = confirm.body;
    const pub = v.state.publicity.find((p) => p.nodeId === 'publish' && !p.outcome);
    expect(pub).toBeTruthy();

    // An objection during the 公示, then the clock to its end: the case goes to 核实.
    v = (await designer().post<PlayView>(`/api/play/${playId}/act`, { kind: 'objection', nodeId: 'publish', content: '第三项支出没有附票据' })).body;
    expect(v.notifications.some((n) => n.title.startsWith('公示异议'))).toBe(true);
    for (let i = 0; i < 5 && !openTasks(v).some((t) => t.nodeId === 'check'); i++) {
      v = (await designer().post<PlayView>(`/api/play/${playId}/advance`, { by: 'next' })).body;
    }
    expect(Date.parse(v.now)).toBeGreaterThanOrEqual(Date.parse(pub!.endsAt));
    expect(v.state.publicity.find((p) => p.nodeId === 'publish')?.outcome).toBe('objections');
    const check = openTasks(v).find((t) => t.nodeId === 'check')!;
    expect(v.actingAs[check.id]).toMatch(/村务监督委员会（试运行）$/);
    v = (await designer().post<PlayView>(`/api/play/${playId}/act`, { kind: 'complete', taskId: check.id, data: { finding: '已补附票据，重新张贴' } })).body;
    expect(v.state.status).toBe('completed');
    expect(v.state.outcome).toBe('published');
    // Who did what is named in the timeline by the sandbox's stand-ins, never by a login id.
    const actors = v.state.timeline.map((e) => v.names[e.actor] ?? e.actorName ?? e.actor).filter((a) => a !== 'system');
    expect(actors.every((a) => !/^play-/.test(a))).toBe(true);

    // Another 流程管理员 cannot see it; ended, it is gone.
    const ended = await call(api.stack.url, 'DELETE', `/api/play/${playId}`, { cookie: api.cookies.designer });
    expect(ended.status).toBe(204);
    expect((await designer().get(`/api/play/${playId}`)).status).toBe(404);
  });
});
