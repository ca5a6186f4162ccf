/**
 * 村级班子“动态管理110” 预警 (procedures.md §5, SEED:004) on the dev server, whose read model carries
 * the village's warning light to the monitor (apart from the case's deadline light).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer } from '../../testkit/temporal.js';
import { projectionDb, type ProjectionDb } from '../../testkit/projection-db.js';
import { civilLastDay, complete, shanghaiDate, startCase, startHarness, taskAt, waitFor, waitForEnd, type CaseHandle, type Harness } from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;
let proj: ProjectionDb;

beforeAll(async () => {
  env = await startDevServer();
  proj = await projectionDb();
  h = await startHarness(env, 'dongtai', { projection: proj.store });
});

afterAll(async () => {
  await h?.stop();
  await proj?.close();
  await env?.teardown();
});

const WARNING = { indicator_category: 'democracy', indicator: '村务公开', info_source: 'info_officer', issue: '第三季度财务收支未按期公开' };

async function raise(level: 'yellow' | 'red', unit = 'v-jingshan', officer = 'twn_liaison'): Promise<CaseHandle> {
  const c = await startCase(h, 'dongtai-yujing', { unit, initiator: officer, data: { ...WARNING, warning_level: level } });
  await complete(c, 'report', officer, 'report');
  await taskAt(c, level === 'red' ? 'center_dispatch' : 'recheck');
  return c;
}

/** The case's row of the read model as the monitor reads it: deadline light and village warning. */
async function published(c: CaseHandle, pred: (health: string | undefined, warning: string | undefined) => boolean): Promise<{ health?: string; warning?: string }> {
  const until = Date.now() + 15_000;
  let last: { health?: string; warning?: string } = {};
  while (Date.now() < until) {
    const rows = await proj.db.query<{ light: string; warning_level: string | null }>('SELECT light, warning_level FROM proj_cases WHERE case_id = $1', [c.workflowId]);
    last = { health: rows[0]?.light, warning: rows[0]?.warning_level ?? undefined };
    if (pred(last.health, last.warning)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  return last;
}

describe('动态管理110 预警 (SEED:004)', () => {
  it('动态管理: a yellow warning lights the village yellow — the village light, not the case\'s deadline health — sends a 警示通知 and opens a 7-day 复查 at the township station (§5.3, §5.4 [DEFAULT])', async () => {
    const c = await raise('yellow');
    const s = await waitFor(c, (x) => x.warningLight?.level === 'yellow', 'yellow light');
    expect(s.warningLight?.reason).toContain('黄灯');
    expect(s.health).toBe('green');
    expect(s.nodeOutputs.warning_notice).toMatchObject({ documentId: expect.stringMatching(/^DOC-/) });
    const t = s.tasks.find((x) => x.nodeId === 'recheck')!;
    expect(t.candidateGrants).toEqual([{ role: 'DM_STATION', orgUnit: 't-jingshan' }]);
    expect(shanghaiDate(new Date(Date.parse(t.dueAt!) - 1).toISOString())).toBe(civilLastDay(shanghaiDate(t.createdAt), 7));
    expect(await published(c, (_h, w) => w === 'yellow')).toEqual({ health: 'green', warning: 'yellow' });
    await c.terminate();
  });

  it('动态管理: an acute risk (red) goes straight to the county 中心, which 责成 the responsible department — no 7-day township recheck first (SEED:004 佃户屯/孔庄, §5.4 correction)', async () => {
    const c = await raise('red', 'v-xiaogu', 'twn_liaison2');
    const s = await waitFor(c, (x) => x.warningLight?.level === 'red', 'red light');
    expect(s.tasks.some((t) => t.nodeId === 'recheck')).toBe(false);
    expect(s.tasks.find((t) => t.nodeId === 'center_dispatch')?.candidateGrants).toEqual([{ role: 'DM_CENTER', orgUnit: 'c-yuhang' }]);
    expect(h.notifier.sent.some((n) => n.caseId === c.workflowId && n.grants.some((g) => g.role === 'DM_CENTER') && n.message.includes('红灯预警'))).toBe(true);
    expect(await published(c, (_h, w) => w === 'red')).toEqual({ health: 'green', warning: 'red' });
    await complete(c, 'center_dispatch', 'dm_center', 'charge', {
      problems: '土地纠纷，有械斗风险',
      requirement: '立即到场化解，七日内拿出确权方案',
      recipient: '余杭区自然资源和规划局',
      responsible_level: 'county_dept',
      work_team: '土地、司法、公安抽调人员组成工作组赶赴现场',
    });
    const r = await taskAt(c, 'rectify_dept');
    // The 限期整改 goes to the responsible department, not to the 村党组织.
    expect(r.candidateGrants).toEqual([{ role: 'COUNTY_DEPT', orgUnit: 'c-yuhang' }]);
    expect(shanghaiDate(new Date(Date.parse(r.dueAt!) - 1).toISOString())).toBe(civilLastDay(shanghaiDate(r.createdAt), 30));
    expect((await waitFor(c, (x) => !!x.nodeOutputs.order_notice, 'notice')).data.recipient).toBe('余杭区自然资源和规划局');
    await c.terminate();
  });

  it('动态管理: handling still under way → another 复查 with a fresh period', async () => {
    const c = await raise('yellow');
    await complete(c, 'recheck', 'dm_station', 'continue', { recheck_record: '整改中' });
    await waitFor(c, (x) => x.tasks.filter((t) => t.nodeId === 'recheck').length === 2, 'second 复查');
    await c.terminate();
  });

  it('动态管理: worsening → red, the 中心 责成 the township (易题) with a 限期整改通知 (30 days); a failed 验收 sends it back; a passed one → 撤销警示 → green → 登记造册', async () => {
    const c = await raise('yellow');
    await complete(c, 'recheck', 'dm_station', 'worsened', { recheck_record: '矛盾升级' }, '教育说服无效');
    await waitFor(c, (x) => x.warningLight?.level === 'red', 'red after worsening');
    await complete(c, 'center_dispatch', 'dm_center', 'charge', { problems: '村务不公开', requirement: '限期公开第三季度财务', recipient: '径山镇农业农村办', responsible_level: 'township' });
    const r = await taskAt(c, 'rectify_township');
    expect(r.candidateGrants).toEqual([{ role: 'TWN_DEPT', orgUnit: 't-jingshan' }]);
    await complete(c, 'rectify_township', 'twn_dept', 'done', { rectification_record: '已公开' });
    await complete(c, 'center_accept', 'dm_center', 'fail', { acceptance_record: '公开内容不全' }, '公开内容不全');
    await complete(c, 'rectify_township', 'twn_dept', 'done', { rectification_record: '补充公开明细' });
    await complete(c, 'center_accept', 'dm_center', 'pass', { acceptance_record: '整改到位' });
    await complete(c, 'clear_warning', 'twn_liaison', 'clear', { clearance_record: '撤销警示' });
    await complete(c, 'center_register', 'dm_center', 'registered', { lapse_kind: 'none' });
    const s = await waitForEnd(c);
    expect(s).toMatchObject({ status: 'completed', outcome: 'cleared', warningLight: { level: 'green' } });
    expect(s.nodeOutputs.order_notice).toMatchObject({ documentId: expect.stringMatching(/^DOC-/) });
    expect(s.tasks.filter((t) => t.nodeId === 'rectify_township')).toHaveLength(2);
  });

  it('动态管理: a doubt found groundless is cleared by the 动态管理员 and the light returns to green (西八里庄村 example); 撤销 is the word shown', async () => {
    const c = await raise('yellow', 'v-shuangxi', 'twn_liaison2');
    await complete(c, 'recheck', 'dm_station', 'improved', { recheck_record: '查实无问题' });
    expect((await taskAt(c, 'clear_warning')).nodeName).toBe('撤销警示');
    await complete(c, 'clear_warning', 'twn_liaison2', 'clear', { clearance_record: '撤销' });
    await complete(c, 'center_register', 'dm_center', 'registered', { lapse_kind: 'none' });
    const s = await waitForEnd(c);
    expect(s).toMatchObject({ outcome: 'cleared', warningLight: { level: 'green' } });
    expect(s.timeline.filter((e) => e.type === 'service.light').map((e) => (e.detail as { level: string }).level)).toEqual(['yellow', 'green']);
  });
});
