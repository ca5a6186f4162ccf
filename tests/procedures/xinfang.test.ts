/**
 * 信访限时办理 (procedures.md §4) on the time-skipping test server: the statutory periods of the
 * 信访工作条例, the 个体访/群体访 routing, 延期, 复查/复核 windows, 听证 not counted, 终结.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfShanghaiDay } from '../../activities/business-calendar.js';
import * as m from '../../workflows/messages.js';
import { startTimeSkipping } from '../../testkit/temporal.js';
import {
  actor,
  addDays,
  civilLastDay,
  complete,
  expectRejected,
  isOpen,
  shanghaiDate,
  skipTo,
  startCase,
  startHarness,
  state,
  taskAt,
  waitFor,
  waitForEnd,
  type CaseHandle,
  type Harness,
} from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  env = await startTimeSkipping();
  h = await startHarness(env, 'xinfang');
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const petition = (over: Record<string, unknown> = {}) => ({
  petitioner: '楼阿毛',
  person_count: 1,
  emotional_state: 'stable',
  summary: '征地补偿款未足额发放',
  petition_content: '承包地被道路拓宽工程征用，补偿款只发放一半。',
  ...over,
});

async function register(data: Record<string, unknown> = {}, params: Record<string, unknown> = {}): Promise<CaseHandle> {
  const c = await startCase(h, 'xinfang', { unit: 'v-jingshan', initiator: 'xf_office2', data: petition(data), params, searchAttributes: false });
  await complete(c, 'register', 'xf_office2', 'register');
  return c;
}

/** 登记 → 个体访接待 → 受理 (accept) → the 办理 task. */
async function accepted(extra: Record<string, unknown> = {}): Promise<CaseHandle> {
  const c = await register();
  await complete(c, 'office_reception', 'xf_office', 'received', { reception_record: '接谈' });
  await complete(c, 'accept_decision', 'xf_office', 'decide', { acceptance: 'accept', handling_dept: '农业农村办', ...extra });
  await taskAt(c, 'handle');
  return c;
}

/** Last calendar day (Asia/Shanghai) of a period ending at 24:00. */
const lastDay = (dueAt: string) => shanghaiDate(new Date(Date.parse(dueAt) - 1).toISOString());

/** Today in Asia/Shanghai on the test server's clock (it moves when time is skipped). */
const today = async () => shanghaiDate(new Date(await env.currentTimeMs()).toISOString());

/** The Shanghai date of 受理: when the 受理审查 decision was completed. */
const acceptedOn = async (c: CaseHandle) => shanghaiDate((await state(c)).tasks.find((t) => t.nodeId === 'accept_decision' && t.status === 'done')!.completedAt!);

/** 办结 → the written reply → the office records the date it was served on the petitioner. */
async function replied(c: CaseHandle, servedOn: string, decision = '补发补偿款'): Promise<void> {
  await complete(c, 'handle', 'twn_dept', 'done', { findings: '核实属实', decision, reviewOrgan: '余杭区信访局' });
  await complete(c, 'reply_service', 'xf_office', 'recorded', { reply_served_on: servedOn });
}

const sentFor = (c: CaseHandle, kind: string) => h.notifier.sent.filter((n) => n.caseId === c.workflowId && n.kind === kind);

describe('信访: statutory periods (信访工作条例)', () => {
  it('信访: 受理 decision is due 15 calendar days after the matter was received (the case start, not the 登记), a rest-day last day moving on, at 24:00, with reminders T−5 and T−1 days (信访工作条例; 民法典 §201)', async () => {
    const c = await register();
    const t = await taskAt(c, 'accept_decision');
    expect(lastDay(t.dueAt!)).toBe(civilLastDay(shanghaiDate((await state(c)).startedAt), 15));
    expect(t.clock?.anchor).toBe('案件发起');
    expect(new Date(t.dueAt!).getUTCHours()).toBe(16); // 24:00 Asia/Shanghai
    expect(t.remindAt).toEqual([new Date(Date.parse(t.dueAt!) - 5 * DAY).toISOString(), new Date(Date.parse(t.dueAt!) - DAY).toISOString()]);
    await c.terminate();
  });

  it('信访: 办理 is due 60 calendar days after 受理; overdue without extension → red light and 督办 to the 信访办 (信访工作条例 督查督办)', async () => {
    const c = await accepted();
    const t = await taskAt(c, 'handle');
    expect(lastDay(t.dueAt!)).toBe(civilLastDay(await acceptedOn(c), 60));
    expect(t.clock).toMatchObject({ anchor: '「受理审查」办结' });
    const s0 = await state(c);
    if (lastDay(t.dueAt!) >= '2027-01-01') expect(s0.warnings.join('')).toMatch(/2027/); // unpublished holidays are flagged, never guessed
    await skipTo(env, t.remindAt?.[1]);
    await waitFor(c, () => sentFor(c, 'reminder').length === 2, 'two reminders (T−5, T−1)');
    await skipTo(env, t.dueAt);
    const red = await waitFor(c, (s) => s.tasks.find((x) => x.id === t.id)?.escalated === true, '督办');
    expect(red.health).toBe('red');
    expect(sentFor(c, 'escalation')[0]?.grants).toContainEqual({ role: 'TWN_XF_OFFICE', orgUnit: 't-jingshan' });
    await c.terminate();
  });

  it('信访: 延期 needs the 负责人 approval; the petitioner gets a written notice; the extension goes into the deadline ledger in the approver\'s name (信访工作条例)', async () => {
    const c = await accepted();
    const handle = await taskAt(c, 'handle');
    await complete(c, 'handle', 'twn_dept', 'request_extension', { extension_reason: '需第三方鉴定' }, '需第三方鉴定');
    // Only the 镇党委书记 (负责人) may approve.
    const ap = await taskAt(c, 'extension_approval');
    await expectRejected(c.executeUpdate(m.completeUpdate, { args: [{ actor: actor('twn_dept'), taskId: ap.id, action: 'approve' }] }), 'NOT_ASSIGNEE');
    await complete(c, 'extension_approval', 'twn_sec', 'approve');
    const ext = await taskAt(c, 'handle_extended');
    const s = await state(c);
    expect(s.timeline.some((e) => e.type === 'service.notice' && e.nodeId === 'extension_notice')).toBe(true);
    expect(s.ledger).toEqual([
      expect.objectContaining({ kind: 'extend', actor: 'twn_sec', nodeId: 'handle_extended', taskId: ext.id, from: handle.dueAt, to: ext.dueAt, reason: '需第三方鉴定' }),
    ]);
    await c.terminate();
  });

  it.each([
    ['on day 1', 1],
    ['on day 59', 59],
  ])('信访: an extension requested %s after 受理 ends 90 days after 受理 — 60 + at most 30, never a fresh 30 from the approval (信访工作条例 “延长期限不得超过30日”)', async (_when, day) => {
    const c = await accepted();
    const on = await acceptedOn(c);
    const handle = await taskAt(c, 'handle');
    // Move the server clock to the requested day (the day after 受理 is day 1).
    await skipTo(env, endOfShanghaiDay(on).toISOString(), (day - 1) * DAY + 9 * 3600_000);
    expect(await today()).toBe(addDays(on, day));
    await complete(c, 'handle', 'twn_dept', 'request_extension', { extension_reason: '需第三方鉴定' }, '需第三方鉴定');
    await complete(c, 'extension_approval', 'twn_sec', 'approve');
    const ext = await taskAt(c, 'handle_extended');
    expect(lastDay(ext.dueAt!)).toBe(civilLastDay(on, 90));
    expect(Date.parse(ext.dueAt!)).toBeGreaterThan(Date.parse(handle.dueAt!));
    expect((await state(c)).ledger.filter((l) => l.kind === 'extend')).toHaveLength(1);
    await c.terminate();
  });

  it('信访: a refused extension sends the case back to 办理 under the same 60 days from 受理, not a fresh 60', async () => {
    const c = await accepted();
    const first = await taskAt(c, 'handle');
    await skipTo(env, first.createdAt, 20 * DAY);
    await complete(c, 'handle', 'twn_dept', 'request_extension', { extension_reason: '材料不全' }, '材料不全');
    await complete(c, 'extension_approval', 'twn_sec', 'reject', {}, '期限内可以办结');
    const s = await waitFor(c, (x) => x.tasks.filter((t) => t.nodeId === 'handle').length === 2 && x.tasks.some((t) => t.nodeId === 'handle' && isOpen(t)), 'back at 办理');
    expect(s.tasks.some((t) => t.nodeId === 'handle_extended')).toBe(false);
    const again = s.tasks.find((t) => t.nodeId === 'handle' && isOpen(t))!;
    expect(again.dueAt).toBe(first.dueAt);
    expect(s.ledger).toEqual([]);
    await c.terminate();
  });

  it('信访: the supervisor\'s 延期 is at most 30 days, once, and never takes 办理 beyond 90 days from 受理 (EXTENSION_LIMIT; the cap cuts it)', async () => {
    const c = await accepted();
    const on = await acceptedOn(c);
    const t = await taskAt(c, 'handle');
    // “延长期限不得超过30日”: 45 days is refused outright.
    await expectRejected(c.executeUpdate(m.extendUpdate, { args: [{ actor: actor('twn_sec'), taskId: t.id, amount: 45, unit: 'calendarDays', reason: '案情复杂' }] }), 'EXTENSION_LIMIT');
    const r = await c.executeUpdate(m.extendUpdate, { args: [{ actor: actor('twn_sec'), taskId: t.id, amount: 30, unit: 'calendarDays', reason: '案情复杂' }] });
    const moved = r.state.tasks.find((x) => x.id === t.id)!;
    expect(lastDay(moved.dueAt!)).toBe(civilLastDay(on, 90));
    expect(r.state.ledger.at(-1)).toMatchObject({ kind: 'extend', actor: 'twn_sec' });
    const msg = await expectRejected(c.executeUpdate(m.extendUpdate, { args: [{ actor: actor('twn_sec'), taskId: t.id, amount: 1, unit: 'calendarDays', reason: '再延' }] }), 'EXTENSION_LIMIT');
    expect(msg).toMatch(/最多延期 1 次/);
    await c.terminate();
  });
});

describe('信访: intake routing (SEED:000 §4.2)', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['exactly 5 calm petitioners is a 大群体: 分管信访领导 receives and the village head is called to the scene (§10 第3条)', { person_count: 5 }, ['leader_reception', 'village_on_site']],
    ['4 calm petitioners is a 小群体 received at the 信访接待中心', { person_count: 4 }, ['group_reception']],
    ['a single calm petitioner is received by the 信访办 (个体访)', { person_count: 1 }, ['office_reception']],
    ['2 agitated petitioners go to the 分管信访领导 (情绪较为冲动)', { person_count: 2, emotional_state: 'agitated' }, ['leader_reception', 'village_on_site']],
    ['one petitioner with 违反信访秩序行为（越级走访、聚集、堵路等） goes to the 分管信访领导', { person_count: 1, abnormal_visit: true }, ['leader_reception', 'village_on_site']],
    ['个体访 with an agitated (较激动) petitioner goes to the 分管信访领导, not the 信访办 (SEED:000 情绪较为冲动)', { person_count: 1, emotional_state: 'agitated' }, ['leader_reception', 'village_on_site']],
    ['3 calm petitioners whose 信访矛盾比较突出 go to the 分管信访领导 (SEED:000)', { person_count: 3, conflict_prominent: true }, ['leader_reception', 'village_on_site']],
  ];
  it.each(cases)('信访: %s', async (_name, data, expected) => {
    const c = await register(data);
    const s = await waitFor(c, (x) => expected.every((n) => x.tasks.some((t) => t.nodeId === n && isOpen(t))), expected.join('+'));
    const reception = s.tasks.filter((t) => isOpen(t) && t.nodeId !== 'accept_decision').map((t) => t.nodeId).sort();
    expect(reception).toEqual([...expected].sort());
    // 受理审查 runs from 登记 whatever the reception path.
    expect(s.tasks.some((t) => t.nodeId === 'accept_decision' && isOpen(t))).toBe(true);
    if (expected.includes('village_on_site')) {
      const v = s.tasks.find((t) => t.nodeId === 'village_on_site')!;
      expect(v.candidateGrants).toEqual([{ role: 'VIL_COMM', orgUnit: 'v-jingshan' }]);
      expect(Date.parse(v.dueAt!) - Date.parse(v.createdAt)).toBe(60 * 60_000); // 第一时间: 60 minutes
    }
    await c.terminate();
  });

  it('信访: a calm 小群体 is reported rung by rung — 信访接待中心 → 分管该事项领导 → 分管信访领导 → 主要领导 (SEED:000)', async () => {
    const c = await register({ person_count: 3 });
    await complete(c, 'group_reception', 'xf_office', 'report_up', { reception_record: '涉及土地征收，报告分管领导' });
    const rung = await taskAt(c, 'matter_leader_reception');
    expect(rung.nodeName).toBe('分管该事项领导接待（逐级报告）');
    expect(rung.candidateGrants).toEqual([{ role: 'TWN_MATTER_LEADER', orgUnit: 't-jingshan' }]);
    await complete(c, 'matter_leader_reception', 'twn_mayor', 'report_xf_leader', { reception_record: '需分管信访领导协调' });
    await complete(c, 'leader_escalated', 'xf_leader', 'report_main', { reception_record: '报告主要领导' });
    await complete(c, 'main_leader', 'twn_sec', 'received', { reception_record: '主要领导接待' });
    const s = await state(c);
    expect(s.path.filter((n) => ['group_reception', 'matter_leader_reception', 'leader_escalated', 'main_leader'].includes(n))).toEqual([
      'group_reception',
      'matter_leader_reception',
      'leader_escalated',
      'main_leader',
    ]);
    await c.terminate();
  });

  it('信访: the 大群体 threshold is a parameter — with 6, five calm petitioners stay a 小群体', async () => {
    const c = await register({ person_count: 5 }, { large_group_threshold: 6 });
    await taskAt(c, 'group_reception');
    await c.terminate();
  });

  it('信访: 诉访分离 — a matter for litigation or arbitration gets a written notice and is not accepted', async () => {
    const c = await register();
    await complete(c, 'office_reception', 'xf_office', 'received', { reception_record: '接谈' });
    await complete(c, 'accept_decision', 'xf_office', 'decide', { acceptance: 'redirect', acceptance_reason: '属承包经营纠纷，应申请仲裁' });
    const s = await waitForEnd(c);
    expect(s).toMatchObject({ status: 'completed', outcome: 'not_accepted' });
    expect(s.nodeOutputs.not_accepted_notice).toMatchObject({ documentId: expect.stringMatching(/^DOC-/) });
  });
});

describe('信访: difficult cases, reply, 复查 and 复核', () => {
  it('信访: a difficult case gets 背靠背会商 and 领导包案 alongside 办理, under the same 60-day clock (SEED:000)', async () => {
    const c = await accepted({ is_difficult: true });
    const s = await waitFor(c, (x) => x.tasks.some((t) => t.nodeId === 'back_to_back' && isOpen(t)), '会商');
    const handle = s.tasks.find((t) => t.nodeId === 'handle')!;
    const b2b = s.tasks.find((t) => t.nodeId === 'back_to_back')!;
    expect(Math.abs(Date.parse(handle.createdAt) - Date.parse(b2b.createdAt))).toBeLessThan(60_000);
    expect(b2b.candidateGrants).toEqual([{ role: 'TWN_SEC', orgUnit: 't-jingshan' }]);
    await complete(c, 'handle', 'twn_dept', 'done', { findings: '核实属实', decision: '补发补偿款' });
    await complete(c, 'back_to_back', 'twn_sec', 'done', { consult_minutes: '会商纪要', case_leader: 'xf_leader' });
    // The reply waits for the 包案 registration too.
    expect((await state(c)).nodeOutputs.reply_notice).toBeUndefined();
    await complete(c, 'case_lead', 'xf_leader', 'done', { case_plan: '一名领导、一帮人员、一套方案' });
    await waitFor(c, (x) => !!x.nodeOutputs.reply_notice, '书面答复');
    await c.terminate();
  });

  it('信访: without a 复查 request within 30 days of receiving the written reply (the recorded 送达 date) the window closes by itself and the case ends 办结 (信访工作条例)', async () => {
    const c = await accepted();
    await replied(c, await today());
    const w = await taskAt(c, 'review_window');
    expect(lastDay(w.dueAt!)).toBe(civilLastDay(await today(), 30));
    expect(w.clock?.anchor).toBe('「书面答复送达日期」所填日期');
    await complete(c, 'revisit', 'xf_office', 'done', { satisfaction: 'satisfied' });
    await skipTo(env, w.dueAt);
    const s = await waitForEnd(c);
    expect(s).toMatchObject({ status: 'completed', outcome: 'concluded' });
    expect(s.tasks.find((t) => t.id === w.id)).toMatchObject({ status: 'done', completedBy: 'system', action: 'no_request' });
  });

  it('信访: 复查 then 复核, each answered within 30 days; 听证 time is not counted (suspend/resume); after 复核 the matter is final (信访工作条例)', async () => {
    const c = await accepted();
    await replied(c, await today(), '维持');
    await complete(c, 'revisit', 'xf_office', 'done', { satisfaction: 'unsatisfied' });
    await complete(c, 'review_window', 'xf_office', 'request');
    const review = await taskAt(c, 'review');
    expect(lastDay(review.dueAt!)).toBe(civilLastDay(shanghaiDate(review.createdAt), 30));
    expect(review.candidateGrants).toEqual([{ role: 'COUNTY_XF', orgUnit: 'c-yuhang' }]);
    await complete(c, 'review', 'county_xf', 'done', { review_opinion: '维持原处理意见' });
    await complete(c, 'review_service', 'xf_office', 'recorded', { review_served_on: await today() });
    const rw = await taskAt(c, 'reexam_window');
    expect(lastDay(rw.dueAt!)).toBe(civilLastDay(await today(), 30));
    await complete(c, 'reexam_window', 'xf_office', 'request');
    const reexam = await taskAt(c, 'reexam');
    // A 10-day hearing: the case is suspended while it is held, and the due time moves by 10 days.
    await c.executeUpdate(m.suspendUpdate, { args: [{ actor: actor('twn_sec'), reason: '复核听证' }] });
    await env.sleep(10 * DAY);
    const resumed = await c.executeUpdate(m.resumeUpdate, { args: [{ actor: actor('twn_sec'), reason: '听证结束' }] });
    const moved = resumed.state.tasks.find((t) => t.id === reexam.id)!;
    const shift = Date.parse(moved.dueAt!) - Date.parse(reexam.dueAt!);
    expect(shift).toBeGreaterThanOrEqual(10 * DAY);
    expect(shift).toBeLessThan(10 * DAY + 3600_000);
    expect(resumed.state.ledger.map((l) => l.kind)).toEqual(['suspend', 'resume']);
    // The original due time passes without escalation.
    await skipTo(env, reexam.dueAt, 3600_000);
    expect((await state(c)).tasks.find((t) => t.id === reexam.id)?.escalated).toBe(false);
    await complete(c, 'reexam', 'xf_reexam', 'done', { reexam_opinion: '维持复查意见', hearing_held: true });
    const s = await waitForEnd(c);
    expect(s).toMatchObject({ status: 'completed', outcome: 'final' });
    expect(s.data.xf_final).toBe(true);
  });
});

describe('信访: 复查/复核 windows count from the recorded 送达 date (信访工作条例 “自收到书面答复之日起30日内”)', () => {
  it('a reply served on 2026-09-01: the window\'s 30th day is 10-01 (国庆) and the window ends with the holiday on 10-08; recorded after that, it has already closed', async () => {
    const c = await accepted();
    await replied(c, '2026-09-01');
    const s = await waitFor(c, (x) => x.tasks.some((t) => t.nodeId === 'review_window'), 'window');
    const w = s.tasks.find((t) => t.nodeId === 'review_window')!;
    expect(w.dueAt).toBe(endOfShanghaiDay('2026-10-08').toISOString());
    expect(w.clock).toMatchObject({ from: '2026-08-31T16:00:00.000Z' });
    // The petitioner's 30 days are over: the window closes at once as 未申请复查.
    const closed = await waitFor(c, (x) => x.tasks.find((t) => t.id === w.id)?.status === 'done', 'window closed');
    expect(closed.tasks.find((t) => t.id === w.id)).toMatchObject({ completedBy: 'system', action: 'no_request' });
    await c.terminate();
  });

  it('a reply served yesterday: the window ends 30 days after yesterday, not 30 days after the recording', async () => {
    const c = await accepted();
    const yesterday = addDays(await today(), -1);
    await replied(c, yesterday);
    const w = await taskAt(c, 'review_window');
    expect(lastDay(w.dueAt!)).toBe(civilLastDay(yesterday, 30));
    await c.terminate();
  });

  it('a 送达 date in the future is refused: the window cannot start on a day that has not come', async () => {
    const c = await accepted();
    await complete(c, 'handle', 'twn_dept', 'done', { findings: '核实属实', decision: '补发补偿款' });
    const t = await taskAt(c, 'reply_service');
    const msg = await expectRejected(
      c.executeUpdate(m.completeUpdate, { args: [{ actor: actor('xf_office'), taskId: t.id, action: 'recorded', data: { reply_served_on: addDays(await today(), 2) } }] }),
      'INVALID_FORM',
    );
    expect(msg).toMatch(/书面答复送达日期：不能晚于今天/);
    await c.terminate();
  });
});
