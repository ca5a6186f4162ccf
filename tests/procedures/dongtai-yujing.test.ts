/**
 * 村级班子“动态管理110” 预警 (procedures.md §5, SEED:004) on the dev server, whose search
 * attributes carry the village light to the monitor board.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer } from '../../testkit/temporal.js';
import { civilLastDay, complete, shanghaiDate, startCase, startHarness, taskAt, waitFor, waitForEnd, type CaseHandle, type Harness } from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  env = await startDevServer();
  h = await startHarness(env, 'dongtai');
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const WARNING = { indicator_category: 'democracy', indicator: '村务公开', info_source: 'info_officer', issue: '第三季度财务收支未按期公开' };

async function raise(level: 'yellow' | 'red', unit = 'v-jingshan', officer = 'twn_liaison'): Promise<CaseHandle> {
  const c = await startCase(h, 'dongtai-yujing', { unit, initiator: officer, data: { ...WARNING, warning_level: level } });
  await complete(c, 'report', officer, 'report');
  await taskAt(c, 'recheck');
  return c;
}

/** JcHealth as the monitor board reads it (visibility is eventually consistent). */
async function boardLight(c: CaseHandle): Promise<string | undefined> {
  const until = Date.now() + 15_000;
  let last: string | undefined;
  while (Date.now() < until) {
    const d = await c.describe();
    const v = (d.searchAttributes as Record<string, unknown[]>).JcHealth?.[0];
    last = typeof v === 'string' ? v : undefined;
    if (last) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  return last;
}

describe('动态管理110 预警 (SEED:004)', () => {
  it('动态管理: a yellow warning lights the village yellow on the monitor, sends a 警示通知 and opens a 7-day 复查 at the township station (§5.4 [DEFAULT])', async () => {
    const c = await raise('yellow');
    const s = await waitFor(c, (x) => x.health === 'yellow', 'yellow light');
    expect(s.healthReasons.join('')).toContain('黄灯');
    expect(s.nodeOutputs.warning_notice).toMatchObject({ documentId: expect.stringMatching(/^DOC-/) });
    const t = s.tasks.find((x) => x.nodeId === 'recheck')!;
    expect(t.candidateGrants).toEqual([{ role: 'DM_STATION', orgUnit: 't-jingshan' }]);
    expect(shanghaiDate(new Date(Date.parse(t.dueAt!) - 1).toISOString())).toBe(civilLastDay(shanghaiDate(t.createdAt), 7));
    expect(await boardLight(c)).toBe('yellow');
    await c.terminate();
  });

  it('动态管理: an acute risk goes straight to red (群体情绪激愤、械斗风险)', async () => {
    const c = await raise('red', 'v-xiaogu', 'twn_liaison2');
    await waitFor(c, (x) => x.health === 'red', 'red light');
    expect(await boardLight(c)).toBe('red');
    await c.terminate();
  });

  it('动态管理: handling still under way → another 复查 with a fresh period', async () => {
    const c = await raise('yellow');
    await complete(c, 'recheck', 'dm_station', 'continue', { recheck_record: '整改中' });
    await waitFor(c, (x) => x.tasks.filter((t) => t.nodeId === 'recheck').length === 2, 'second 复查');
    await c.terminate();
  });

  it('动态管理: worsening → red, the county centre issues a 限期整改通知 (30 days); a failed 验收 sends it back; a passed one clears the warning to green', async () => {
    const c = await raise('yellow');
    await complete(c, 'recheck', 'dm_station', 'worsened', { recheck_record: '矛盾升级' }, '教育说服无效');
    await waitFor(c, (x) => x.health === 'red', 'red after worsening');
    await complete(c, 'center_order', 'dm_center', 'issue', { problems: '村务不公开', requirement: '限期公开第三季度财务' });
    const r = await taskAt(c, 'rectify');
    expect(r.candidateGrants).toEqual([{ role: 'VIL_PARTY', orgUnit: 'v-jingshan' }]);
    expect(shanghaiDate(new Date(Date.parse(r.dueAt!) - 1).toISOString())).toBe(civilLastDay(shanghaiDate(r.createdAt), 30));
    await complete(c, 'rectify', 'vil_party_jingshan', 'done', { rectification_record: '已公开' });
    await complete(c, 'center_accept', 'dm_center', 'fail', { acceptance_record: '公开内容不全' }, '公开内容不全');
    await complete(c, 'rectify', 'vil_party_jingshan', 'done', { rectification_record: '补充公开明细' });
    await complete(c, 'center_accept', 'dm_center', 'pass', { acceptance_record: '整改到位' });
    await complete(c, 'clear_warning', 'twn_liaison', 'clear', { clearance_record: '撤消警示' });
    const s = await waitForEnd(c);
    expect(s).toMatchObject({ status: 'completed', outcome: 'cleared', health: 'green' });
    expect(s.nodeOutputs.order_notice).toMatchObject({ documentId: expect.stringMatching(/^DOC-/) });
    expect(s.tasks.filter((t) => t.nodeId === 'rectify')).toHaveLength(2);
    expect(h.notifier.sent.some((n) => n.caseId === c.workflowId && n.grants.some((g) => g.role === 'DM_CENTER'))).toBe(true);
  });

  it('动态管理: a doubt found groundless is cleared by the 动态管理员 and the light returns to green (西八里庄村 example)', async () => {
    const c = await raise('yellow', 'v-shuangxi', 'twn_liaison2');
    await complete(c, 'recheck', 'dm_station', 'improved', { recheck_record: '查实无问题' });
    await complete(c, 'clear_warning', 'twn_liaison2', 'clear', { clearance_record: '撤消' });
    const s = await waitForEnd(c);
    expect(s).toMatchObject({ outcome: 'cleared', health: 'green' });
    expect(s.timeline.filter((e) => e.type === 'service.light').map((e) => (e.detail as { level: string }).level)).toEqual(['yellow', 'green']);
  });
});
