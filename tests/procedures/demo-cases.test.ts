/**
 * The demo cases (procedures/demo/cases.ts) run through the real engine on a dev server and end
 * where their `expect` says: every screen of the bring-up has something real to show.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCases } from '../../procedures/demo/cases.js';
import { claimHolds, demoClaimSchedule } from '../../procedures/demo/deadlines.js';
import { endOfShanghaiDay, isWorkingDay, shanghaiDate } from '../../activities/business-calendar.js';
import { runDemoCase, type DemoRunResult } from '../../procedures/demo/run-demo.js';
import { loadBuiltinProcedure, type BuiltinKey } from '../../procedures/index.js';
import { isHumanNode } from '../../dsl/schema.js';
import { startDevServer } from '../../testkit/temporal.js';
import { addDays, DIR, startHarness, type Harness } from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;
const results = new Map<string, DemoRunResult>();

beforeAll(async () => {
  env = await startDevServer();
  h = await startHarness(env, 'demo');
  const runs = await Promise.all(
    demoCases.map((c) =>
      runDemoCase(c, {
        client: env.client.workflow,
        taskQueue: h.taskQueue,
        directory: DIR,
        definitionOf: (key) => loadBuiltinProcedure(key as BuiltinKey),
        workflowId: (x) => `demo-${x.id}-${Date.now().toString(36)}`,
      }),
    ),
  );
  demoCases.forEach((c, i) => results.set(c.id, runs[i]!));
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const stageOf = (id: string) => results.get(id)?.state?.currentNodes.map((n) => n.nodeId) ?? [];

describe('demo cases', () => {
  it('a dozen or more cases across every built-in procedure and every village, each running all its steps', () => {
    expect(demoCases.length).toBeGreaterThanOrEqual(12);
    expect(new Set(demoCases.map((c) => c.procedure)).size).toBeGreaterThanOrEqual(6);
    for (const v of ['v-jingshan', 'v-xiaogu', 'v-shuangxi']) expect(demoCases.some((c) => c.orgUnit === v || c.orgUnit.includes(v.slice(2))), v).toBe(true);
    for (const c of demoCases) {
      const r = results.get(c.id)!;
      expect(r.error, c.id).toBeUndefined();
      expect(r.stepsDone, c.id).toBe(c.steps.length);
    }
  });

  it('径山村文化礼堂: in 决议公开 with the objection recorded', () => {
    const s = results.get('wuyi-jingshan-hall')!.state!;
    expect(stageOf('wuyi-jingshan-hall')).toEqual(['publish_resolution']);
    expect(s.publicity[0]?.objections).toHaveLength(1);
  });

  it('小古城村茶园: the 党员大会 period, overridden to 1 day, ends at 24:00 of the next day — on a rest day or holiday, of the next working day (民法典 §201, §203)', () => {
    const c = demoCases.find((x) => x.id === 'wuyi-xiaogu-tea')!;
    const s = results.get(c.id)!.state!;
    const t = s.tasks.find((x) => x.nodeId === 'members_meeting' && x.status === 'open')!;
    const node = loadBuiltinProcedure('wuyi-liangkai').nodes.find((n) => n.id === 'members_meeting')!;
    expect(isHumanNode(node) && node.deadline?.duration).toMatchObject({ unit: 'calendarDays', param: 'members_meeting_days' });
    const created = shanghaiDate(t.createdAt);
    let last = addDays(created, 1);
    while (!isWorkingDay(last)) last = addDays(last, 1);
    expect(t.dueAt).toBe(endOfShanghaiDay(last).toISOString());
  });

  it('every deadline the demo promises holds on the day it runs: near due within a day, overdue within minutes (procedures/demo/deadlines.ts)', () => {
    const claimed = demoCases.filter((c) => c.deadline);
    expect(claimed.map((c) => c.deadline!.claim).sort()).toEqual(['nearDue', 'overdue']);
    for (const c of claimed) {
      const s = results.get(c.id)!.state!;
      const t = s.tasks.find((x) => x.nodeId === c.deadline!.node)!;
      expect(t, c.id).toBeDefined();
      const def = loadBuiltinProcedure(c.procedure as BuiltinKey);
      expect(t.dueAt, c.id).toBe(demoClaimSchedule(c, def, t.createdAt)!.dueAt);
      expect(claimHolds(c.deadline!.claim, t.createdAt, t.dueAt!), `${c.id}: ${t.createdAt} → ${t.dueAt}`).toBe(true);
    }
  });

  it('双溪村宅基地: waiting for the township review (一审) by the 镇党委书记', () => {
    expect(stageOf('wuyi-shuangxi-homestead')).toEqual(['township_review']);
  });

  it('小古城村群体访: the village head task (1 minute) turns overdue and the case light red', async () => {
    const id = results.get('xinfang-xiaogu-group')!.workflowId;
    const handle = env.client.workflow.getHandle(id);
    const { stateQuery } = await import('../../workflows/messages.js');
    const until = Date.now() + 120_000;
    // Red comes when the task falls due; the 督办 mark follows once the overdue notice is sent.
    const escalated = (x: typeof s) => x.tasks.find((t) => t.nodeId === 'village_on_site')?.escalated === true;
    let s = await handle.query(stateQuery);
    while ((s.health !== 'red' || !escalated(s)) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 1000));
      s = await handle.query(stateQuery);
    }
    expect(s.health).toBe('red');
    expect(s.tasks.find((t) => t.nodeId === 'village_on_site')?.escalated).toBe(true);
  }, 150_000);

  it('finished cases: 诉访分离 ends not_accepted, the 双溪村 warning is cleared to green', () => {
    expect(results.get('xinfang-jingshan-redirect')!.state).toMatchObject({ status: 'completed', outcome: 'not_accepted' });
    expect(results.get('dongtai-shuangxi-membership')!.state).toMatchObject({ status: 'completed', outcome: 'cleared', warningLight: { level: 'green' } });
  });

  it('小古城村土地纠纷: the village light is red and the 限期整改 is open at the responsible department the 中心 named', () => {
    const s = results.get('dongtai-xiaogu-land')!.state!;
    expect(s.warningLight?.level).toBe('red');
    expect(stageOf('dongtai-xiaogu-land')).toEqual(['rectify_dept']);
    expect(s.data.recipient).toBe('余杭区农业农村局');
  });

  it('the new procedures of issue 17 have a demo each: 民生实事 at the 人代会 票决, 罢免 at the 申辩, a 代表会议 to be convened on request', () => {
    expect(stageOf('minsheng-jingshan-2027')).toEqual(['npc_vote']);
    expect(stageOf('bamian-shuangxi')).toEqual(['defense']);
    expect(stageOf('zhaoji-xiaogu')).toEqual(['convene_reps']);
  });
});
