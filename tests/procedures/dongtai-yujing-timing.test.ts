/**
 * 动态管理110 (procedures.md §5.4–5.5) where time matters, on the time-skipping server: a yellow
 * light unresolved for 30 days goes to the 中心 for a red review; an overdue task turns the case's
 * deadline health red but not the village's light; 迟报/漏报/瞒报 are counted per person and year.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalloutRegistry } from '../../activities/callout.js';
import { createMemoryLapseLedger, reportingLapseHandler } from '../../activities/reporting-lapses.js';
import { startTimeSkipping } from '../../testkit/temporal.js';
import { complete, isOpen, skipTo, startCase, startHarness, taskAt, waitFor, waitForEnd, type CaseHandle, type Harness } from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;
const ledger = createMemoryLapseLedger();
/** The ledger's clock: the year a lapse counts in (pinned, so the test holds on any day). */
let ledgerNow = new Date('2026-06-15T02:00:00Z');

beforeAll(async () => {
  env = await startTimeSkipping();
  h = await startHarness(env, 'dongtai-timing', { callouts: createCalloutRegistry({ 'reporting-lapse': reportingLapseHandler(ledger, () => ledgerNow) }) });
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const WARNING = { indicator_category: 'party_building', indicator: '党员身份', info_source: 'hotline', issue: '群众反映村书记党员身份存疑' };
const DAY = 86_400_000;

async function yellow(unit = 'v-jingshan', officer = 'twn_liaison'): Promise<CaseHandle> {
  const c = await startCase(h, 'dongtai-yujing', { unit, initiator: officer, data: { ...WARNING, warning_level: 'yellow' }, searchAttributes: false });
  await complete(c, 'report', officer, 'report');
  await taskAt(c, 'recheck');
  return c;
}

describe('动态管理: clocks and counters (§5.4 [DEFAULT], §5.5)', () => {
  it('动态管理: a yellow light still unresolved after 30 days turns red for a 中心 红灯审查 (§5.4 [DEFAULT]); 维持黄灯 starts another 30 days', async () => {
    const c = await yellow();
    const started = await waitFor(c, (x) => x.timeline.some((e) => e.type === 'timer.started' && e.nodeId === 'yellow_watch'), '30-day watch');
    const watch = started.timeline.find((e) => e.type === 'timer.started' && e.nodeId === 'yellow_watch')!;
    const due = String((watch.detail as { dueAt: string }).dueAt);
    expect(Date.parse(due) - Date.parse(watch.at)).toBeGreaterThanOrEqual(30 * DAY);
    // The station keeps rechecking in the meantime.
    await complete(c, 'recheck', 'dm_station', 'continue', { recheck_record: '仍在核查' });
    await skipTo(env, due);
    const s = await waitFor(c, (x) => x.tasks.some((t) => t.nodeId === 'red_review' && isOpen(t)), '红灯审查');
    expect(s.warningLight).toMatchObject({ level: 'red', reason: '动态管理预警：黄灯逾期未解除，升为红灯审查' });
    expect(s.tasks.find((t) => t.nodeId === 'red_review' && isOpen(t))?.candidateGrants).toEqual([{ role: 'DM_CENTER', orgUnit: 'c-yuhang' }]);
    expect(s.tasks.some((t) => t.nodeId === 'recheck' && isOpen(t))).toBe(true);
    await complete(c, 'red_review', 'dm_center', 'keep_yellow', { red_review_record: '已查实无问题，待公示结束' }, '情况可控');
    const kept = await waitFor(c, (x) => x.timeline.filter((e) => e.type === 'timer.started' && e.nodeId === 'yellow_watch').length === 2, 'another watch');
    expect(kept.warningLight?.level).toBe('yellow');
    await c.terminate();
  });

  it('动态管理: resolved within 30 days, the watch never fires — the case ends when the warning is cleared', async () => {
    const c = await yellow('v-shuangxi', 'twn_liaison2');
    await complete(c, 'recheck', 'dm_station', 'improved', { recheck_record: '查实无问题' });
    await complete(c, 'clear_warning', 'twn_liaison2', 'clear', { clearance_record: '撤销' });
    await complete(c, 'center_register', 'dm_center', 'registered', { lapse_kind: 'none' });
    const s = await waitForEnd(c);
    expect(s.outcome).toBe('cleared');
    expect(s.tasks.some((t) => t.nodeId === 'red_review')).toBe(false);
  });

  it('动态管理: two lights — an overdue 撤销警示 task turns the case red (deadline health) but leaves the village light as it was (§5.4 correction)', async () => {
    const c = await yellow();
    await complete(c, 'recheck', 'dm_station', 'improved', { recheck_record: '已整改' });
    const t = await taskAt(c, 'clear_warning');
    await skipTo(env, t.dueAt);
    const s = await waitFor(c, (x) => x.tasks.some((y) => y.id === t.id && y.overdue), 'overdue');
    expect(s.health).toBe('red');
    expect(s.healthReasons).toContain('「撤销警示」已超期');
    expect(s.warningLight?.level).toBe('yellow');
    await c.terminate();
  });

  it('迟报/漏报/瞒报 are counted per person and calendar year: 1 → 扣发当月奖金, 2 → 通报批评, 3 → 停岗半年; a new year starts again at 1 (SEED:004 曹县)', async () => {
    const clearAndRegister = async (kind: string): Promise<Awaited<ReturnType<typeof waitForEnd>>> => {
      const c = await yellow('v-xiaogu', 'twn_liaison2');
      await complete(c, 'recheck', 'dm_station', 'improved', { recheck_record: '已处理' });
      await complete(c, 'clear_warning', 'twn_liaison2', 'clear', { clearance_record: '撤销' });
      await complete(c, 'center_register', 'dm_center', 'registered', { lapse_kind: kind, lapse_person: 'info_officer_xiaogu' });
      return waitForEnd(c);
    };
    const first = await clearAndRegister('late');
    expect(first.data).toMatchObject({ lapse_count: 1, lapse_sanction: '迟报（本年度第 1 条）：批评教育，扣发当月奖金' });
    const second = await clearAndRegister('omitted');
    expect(second.data).toMatchObject({ lapse_count: 2, lapse_sanction: '漏报（本年度第 2 条）：全县通报批评，扣发半年奖金' });
    expect(second.path).toContain('sanction_2');
    const third = await clearAndRegister('concealed');
    expect(third.data.lapse_count).toBe(3);
    expect(third.path).toContain('sanction_3');
    const stationNotices = h.notifier.sent.filter((n) => n.grants.some((g) => g.role === 'DM_STATION' && g.orgUnit === 't-jingshan') && n.message.includes('停岗半年'));
    expect(stationNotices.length).toBeGreaterThanOrEqual(1);
    ledgerNow = new Date('2027-01-04T02:00:00Z');
    const nextYear = await clearAndRegister('late');
    expect(nextYear.data.lapse_count).toBe(1);
    expect(ledger.entries.filter((e) => e.person === 'info_officer_xiaogu').map((e) => e.year)).toEqual([2026, 2026, 2026, 2027]);
  });
});


