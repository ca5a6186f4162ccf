/**
 * The non-calendar activities: who a task goes to, notifications, notices, callouts, and the
 * directory file the CLI and dev worker use.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import {
  createActivities,
  createCalloutRegistry,
  createFileDirectory,
  createMemoryDirectory,
  createMemoryNoticeStore,
  createMemoryNotifier,
  defaultDirectory,
  NOTICE_TEMPLATES,
  type NotifyRequest,
  type ResolveAssigneesRequest,
} from '../../activities/index.js';

const org = { unit: 'v-xiaocun', ancestors: ['t-huaqiao', 'c-anxian'], township: 't-huaqiao', county: 'c-anxian' };

const directory = createMemoryDirectory(
  {
    'VIL_SEC@v-xiaocun': ['wang'],
    'TWN_LEADER@t-huaqiao': ['li', 'zhao'],
    'TWN_XINFANG@t-huaqiao': ['chen'],
    'CTY_XINFANG@c-anxian': ['sun'],
    'VIL_SEC@v-dacun': ['zhou'],
  },
  ['clerk1', 'clerk2'],
);
const acts = createActivities({ directory });

const req = (assignment: ResolveAssigneesRequest['assignment'], data: Record<string, unknown> = {}): ResolveAssigneesRequest => ({
  assignment,
  org,
  data,
  initiator: 'clerk1',
});

async function failureOf(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe('resolveAssignees: role scopes look the role up in the right org unit', () => {
  it.each([
    ['case', 'VIL_SEC', 'v-xiaocun', ['wang']],
    ['parent', 'TWN_LEADER', 't-huaqiao', ['li', 'zhao']],
    ['township', 'TWN_XINFANG', 't-huaqiao', ['chen']],
    ['county', 'CTY_XINFANG', 'c-anxian', ['sun']],
  ] as const)('scope %s: %s@%s held by %j', async (scope, role, orgUnit, holders) => {
    const r = await acts.resolveAssignees(req({ type: 'role', role, scope }));
    expect(r.grants).toEqual([{ role, orgUnit }]);
    expect(r.userIds).toEqual(holders);
  });

  it('scope field: the org unit comes from the case data (e.g. the village a petition is about)', async () => {
    const r = await acts.resolveAssignees(req({ type: 'role', role: 'VIL_SEC', scope: 'field', orgField: 'village' }, { village: 'v-dacun' }));
    expect(r).toEqual({ grants: [{ role: 'VIL_SEC', orgUnit: 'v-dacun' }], userIds: ['zhou'] });
  });

  it('a role nobody holds yet still yields the grant, so whoever is appointed can claim', async () => {
    const r = await acts.resolveAssignees(req({ type: 'role', role: 'VIL_SUPERVISOR', scope: 'case' }));
    expect(r).toEqual({ grants: [{ role: 'VIL_SUPERVISOR', orgUnit: 'v-xiaocun' }], userIds: [] });
  });

  it('an empty org-unit field is a non-retryable ORG_UNIT_MISSING failure naming the field', async () => {
    const f = await failureOf(acts.resolveAssignees(req({ type: 'role', role: 'VIL_SEC', scope: 'field', orgField: 'village' })));
    expect(f).toMatchObject({ type: 'ORG_UNIT_MISSING', nonRetryable: true });
    expect(f.message).toContain('village');
  });

  it('a case at the top of the tree has no parent: ORG_UNIT_MISSING', async () => {
    const f = await failureOf(
      acts.resolveAssignees({ ...req({ type: 'role', role: 'X', scope: 'parent' }), org: { unit: 'c-anxian', ancestors: [] } }),
    );
    expect(f.type).toBe('ORG_UNIT_MISSING');
    expect(f.message).toContain('上级单位');
  });
});

describe('resolveAssignees: users, initiator, expressions', () => {
  it('listed users who exist are the assignees, without duplicates', async () => {
    const r = await acts.resolveAssignees(req({ type: 'user', userIds: ['clerk2', 'wang', 'clerk2'] }));
    expect(r).toEqual({ userIds: ['clerk2', 'wang'], grants: [] });
  });

  it('an unknown user is a non-retryable ASSIGNEE_UNKNOWN failure (the engine’s own USER_UNKNOWN is a rejected update) with a zh-CN message naming them', async () => {
    const f = await failureOf(acts.resolveAssignees(req({ type: 'user', userIds: ['wang', 'ghost'] })));
    expect(f).toMatchObject({ type: 'ASSIGNEE_UNKNOWN', nonRetryable: true });
    expect(f.message).toBe('找不到该用户：ghost');
  });

  it('initiator: the case goes back to whoever started it', async () => {
    expect(await acts.resolveAssignees(req({ type: 'initiator' }))).toEqual({ userIds: ['clerk1'], grants: [] });
  });

  it('expression returning one user id from the form (e.g. 包案领导 chosen at intake)', async () => {
    const r = await acts.resolveAssignees(req({ type: 'expression', expr: 'data.caseLeader' }, { caseLeader: 'li' }));
    expect(r.userIds).toEqual(['li']);
  });

  it('expression returning a list built from the form and the initiator', async () => {
    const r = await acts.resolveAssignees(
      req({ type: 'expression', expr: 'data.big ? data.committee + [initiator] : [initiator]' }, { big: true, committee: ['li', 'zhao'] }),
    );
    expect(r.userIds).toEqual(['li', 'zhao', 'clerk1']);
  });

  it('an expression that yields no user id is rejected (EXPRESSION_RESULT_INVALID)', async () => {
    const f = await failureOf(acts.resolveAssignees(req({ type: 'expression', expr: 'data.count > 1' }, { count: 2 })));
    expect(f).toMatchObject({ type: 'EXPRESSION_RESULT_INVALID', nonRetryable: true });
  });

  it('an expression that fails to evaluate is rejected (EXPRESSION_FAILED)', async () => {
    const f = await failureOf(acts.resolveAssignees(req({ type: 'expression', expr: 'data.leader.name' }, {})));
    expect(f.type).toBe('EXPRESSION_FAILED');
    expect(f.message).toContain('办理人表达式计算失败');
  });
});

describe('notify', () => {
  const n: NotifyRequest = {
    key: 'case-1/task-1/reminder-0',
    kind: 'reminder',
    caseId: 'case-1',
    taskId: 'task-1',
    userIds: ['chen'],
    grants: [],
    title: '信访事项即将到期',
    message: '请于2026年10月8日前办结',
  };

  it('a retried notification with the same key reaches the clerk once', async () => {
    const notifier = createMemoryNotifier();
    const a = createActivities({ directory, notifier });
    await a.notify(n);
    await a.notify({ ...n });
    await a.notify({ ...n, key: 'case-1/task-1/reminder-1' });
    expect(notifier.sent.map((s) => s.key)).toEqual(['case-1/task-1/reminder-0', 'case-1/task-1/reminder-1']);
    expect(notifier.sent[0]).toEqual(n);
  });
});

describe('generateNotice', () => {
  const issuedAt = new Date('2026-02-26T03:00:00Z');

  it.each(Object.entries(NOTICE_TEMPLATES).map(([key, t]) => [key, t.name] as const))('%s (%s) contains the case title and its heading', async (template, heading) => {
    const a = createActivities({ directory, now: () => issuedAt });
    const r = await a.generateNotice({ caseId: 'c1', nodeId: 'n1', template, title: '小村修建村道', data: {} });
    expect(r.text).toContain('小村修建村道');
    expect(r.text).toContain(heading);
    expect(r.text).toContain('2026年2月26日');
  });

  it('决议公开公告 shows the vote and the publicity period in Shanghai dates', async () => {
    const a = createActivities({ directory, now: () => issuedAt });
    const r = await a.generateNotice({
      caseId: 'c1',
      nodeId: 'publish',
      template: 'resolution-publicity',
      title: '小村修建村道',
      data: {
        orgName: '小村村民委员会',
        resolution: '同意使用集体资金30万元修建村道',
        entitled: 30,
        present: 21,
        yes: 15,
        no: 4,
        abstain: 2,
        publicityStart: '2026-02-10T09:00:00Z',
        // 24:00 on 2/24 Shanghai: shown as 2/24, the day the period closes.
        publicityEnd: '2026-02-24T16:00:00.000Z',
        issuer: '小村村民委员会',
      },
    });
    expect(r.text).toContain('小村村民委员会决议公开公告');
    expect(r.text).toContain('应到30人，实到21人；赞成15票，反对4票，弃权2票');
    expect(r.text).toContain('2026年2月10日至2026年2月24日');
  });

  it('generic (the interpreter\'s default) lists the filled case data under the title', async () => {
    const r = await acts.generateNotice({
      caseId: 'c1',
      nodeId: 'n',
      template: 'generic',
      title: '村道修建完工',
      data: { amount: 300000, contractor: '某建设公司', empty: null },
    });
    expect(r.text.split('\n').slice(0, 4)).toEqual(['关于“村道修建完工”的通知', '', 'amount：300000', 'contractor：某建设公司']);
    expect(r.text).not.toContain('empty');
  });

  it('an unfilled field shows as a blank to fill, not silently omitted', async () => {
    const r = await acts.generateNotice({ caseId: 'c1', nodeId: 'n', template: 'xinfang-reply', title: '反映灌溉渠堵塞', data: {} });
    expect(r.text).toContain('处理意见：＿＿＿＿');
  });

  it('会议记录 of a decided vote: 应到/实到/比例, 表决方式, 赞成/反对/弃权, the rule, 计票人/监票人 and the signature lines', async () => {
    const r = await acts.generateNotice({
      caseId: 'c1',
      nodeId: 'vote',
      template: 'meeting-record',
      title: '小村修建村道',
      documentKey: 'vote/meeting-record/1',
      data: {
        meeting: '村民代表会议表决',
        meetingType: '村民代表会议',
        heldAt: '2026-12-04T16:30:00Z',
        round: 1,
        method: '举手表决',
        groups: [{ entitled: 30, present: 21, yes: 15, no: 4, abstain: 2 }],
        rules: ['到会人数须达到应到人数的三分之二'],
        outcome: '通过',
        explanation: ['到会 21/全体 30 ≥ ⅔ — 有效'],
        teller: '李会计',
        scrutineer: '王监票',
        fields: [['决议文本', '同意修建村道']],
      },
    });
    for (const line of ['会议名称：村民代表会议表决（村民代表会议）', '会议日期：2026年12月5日', '表决方式：举手表决', '应到 30 人，实到 21 人，到会比例 21/30（70.0%）', '赞成 15 票，反对 4 票，弃权 2 票', '表决结果：通过', '到会 21/全体 30 ≥ ⅔ — 有效', '决议文本：同意修建村道', '计票人：李会计　监票人：王监票', '监票人（签名）：＿＿＿＿']) expect(r.text).toContain(line);
    const other = await acts.generateNotice({ caseId: 'c1', nodeId: 'vote', template: 'meeting-record', title: 't', documentKey: 'vote/meeting-record/2', data: {} });
    expect(other.documentId).not.toBe(r.documentId);
  });

  it('会议记录 named by a notice node of a definition (case data, no tally) prints blanks to fill by hand', async () => {
    const r = await acts.generateNotice({ caseId: 'c1', nodeId: 'n', template: 'meeting-record', title: '小村修建村道', data: { matter: 'x' } });
    expect(r.text).toContain('应到 ＿＿＿＿ 人，实到 ＿＿＿＿ 人');
    expect(r.text).toContain('赞成 ＿＿＿＿ 票');
    expect(r.text).not.toMatch(/NaN|undefined/);
  });

  it('the document id is the same for the same case and node, and differs between nodes', async () => {
    const base = { caseId: 'case-9', template: 'acceptance-notice', title: 't', data: {} };
    const a = await acts.generateNotice({ ...base, nodeId: 'accept' });
    const b = await acts.generateNotice({ ...base, nodeId: 'accept' });
    const c = await acts.generateNotice({ ...base, nodeId: 'reply' });
    expect(a.documentId).toBe(b.documentId);
    expect(c.documentId).not.toBe(a.documentId);
    expect(a.text).toContain(a.documentId);
  });

  it('a generated notice is kept in the notice store', async () => {
    const noticeStore = createMemoryNoticeStore();
    const a = createActivities({ directory, noticeStore, now: () => issuedAt });
    const r = await a.generateNotice({ caseId: 'c2', nodeId: 'warn', template: 'warning-notice', title: '东村班子黄灯', data: { recipient: '东村党支部' } });
    expect(noticeStore.notices.get(r.documentId)).toMatchObject({ caseId: 'c2', template: 'warning-notice', issuedAt: issuedAt.toISOString() });
  });

  it('an unknown template is a non-retryable UNKNOWN_TEMPLATE failure listing the available ones', async () => {
    const f = await failureOf(acts.generateNotice({ caseId: 'c', nodeId: 'n', template: 'nope', title: 't', data: {} }));
    expect(f).toMatchObject({ type: 'UNKNOWN_TEMPLATE', nonRetryable: true });
    expect(f.message).toContain('resolution-publicity');
  });
});

describe('callout', () => {
  it('an integration with no handler is recorded and answered {recorded: true}', async () => {
    const callouts = createCalloutRegistry({}, () => new Date('2026-03-01T00:00:00Z'));
    const a = createActivities({ directory, callouts });
    const r = await a.callout({ caseId: 'c', nodeId: 'file', name: 'county-filing', payload: { amount: 300000 } });
    expect(r).toEqual({ recorded: true });
    expect(callouts.records).toEqual([
      { caseId: 'c', nodeId: 'file', name: 'county-filing', payload: { amount: 300000 }, at: '2026-03-01T00:00:00.000Z', handled: false },
    ]);
  });

  it('a registered integration is called and its answer returned', async () => {
    const callouts = createCalloutRegistry({ sms: async (r) => ({ sent: r.payload.to }) });
    const a = createActivities({ directory, callouts });
    expect(await a.callout({ caseId: 'c', nodeId: 'n', name: 'sms', payload: { to: '138' } })).toEqual({ sent: '138' });
  });
});

describe('directory file (JICENG_DIRECTORY)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiceng-dir-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'directory.json');
  const write = (users: unknown, mtime: number): void => {
    writeFileSync(file, JSON.stringify({ users }));
    utimesSync(file, mtime, mtime);
  };

  it('role holders and known users come from the file, and an edit takes effect without a restart', async () => {
    write([{ id: 'wang', name: '王书记', grants: [{ role: 'VIL_SEC', orgUnit: 'v-xiaocun' }] }, { id: 'li', grants: [] }], 1_000);
    const a = createActivities({ directory: defaultDirectory({ JICENG_DIRECTORY: file }) });
    expect((await a.resolveAssignees(req({ type: 'role', role: 'VIL_SEC', scope: 'case' }))).userIds).toEqual(['wang']);
    expect((await a.resolveAssignees(req({ type: 'user', userIds: ['li'] }))).userIds).toEqual(['li']);

    write([{ id: 'zhang', grants: [{ role: 'VIL_SEC', orgUnit: 'v-xiaocun' }] }], 2_000);
    expect((await a.resolveAssignees(req({ type: 'role', role: 'VIL_SEC', scope: 'case' }))).userIds).toEqual(['zhang']);
  });

  it('a malformed directory file is a DIRECTORY_INVALID failure naming the file', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ users: [{ name: 'no id' }] }));
    const f = await failureOf(createFileDirectory(bad).userExists('x'));
    expect(f.type).toBe('DIRECTORY_INVALID');
    expect(f.message).toContain(bad);
  });

  it('without JICENG_DIRECTORY the directory is empty: no user exists', async () => {
    expect(await defaultDirectory({}).userExists('wang')).toBe(false);
  });
});
