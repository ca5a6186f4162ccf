import { describe, expect, it } from 'vitest';
import { dueText, formatDateTime } from '../../designer/src/lib/format.js';
import { taskHealth } from '../../designer/src/lib/health.js';
import { boardGrid } from '../../designer/src/monitor/monitor-board-grid.js';
import { heatOverlay } from '../../designer/src/monitor/process-heat.js';
import { byDue } from '../../api/inbox.js';
import { VOTE_PRESETS } from '../../designer/src/designer/graph/vote-presets.js';
import type { InboxItem } from '../../api/index.js';

const H = 3_600_000;

describe('dates are shown in Asia/Shanghai', () => {
  it('16:00 UTC is midnight of the next day in 北京时间', () => {
    expect(formatDateTime('2026-11-30T16:00:00.000Z')).toBe('2026/12/01 00:00');
  });
  it('an overdue step says by how long, in minutes when under an hour', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(dueText('2026-11-22T09:58:00Z', now)).toBe('已超期 2分钟');
    expect(dueText('2026-11-22T07:00:00Z', now)).toBe('已超期 3小时');
    expect(dueText('2026-11-25T10:00:00Z', now)).toBe('3天后到期');
    expect(dueText(null, now)).toBe('无时限');
  });
});

describe('task light (the engine\'s rule: workflows/engine/health.ts)', () => {
  const created = '2026-11-22T00:00:00Z';
  const due = '2026-11-22T10:00:00Z';
  const at = (h: number) => Date.parse(created) + h * H;
  const task = (warnAtHours: number, escalated = false) => ({ dueAt: due, warnAt: new Date(at(warnAtHours)).toISOString(), escalated });
  it('green until the task\'s warning point, yellow after, red once past due', () => {
    expect(taskHealth(task(8), at(7.9))).toBe('green');
    expect(taskHealth(task(8), at(8))).toBe('yellow');
    expect(taskHealth(task(8), at(10.01))).toBe('red');
  });
  it('the warning point is the node\'s own (warnAtFraction 0.5 → yellow at half the period), not a fixed 80 %', () => {
    expect(taskHealth(task(5), at(6))).toBe('yellow');
  });
  it('an escalated (督办) task is red whatever its deadline', () => {
    expect(taskHealth(task(8, true), at(1))).toBe('red');
  });
  it('a suspended case\'s deadlines do not run: an overdue task shows green', () => {
    expect(taskHealth(task(8), at(11), true)).toBe('green');
  });
});

describe('monitor board', () => {
  it('rows are 镇 › 村 › 组 in tree order, each level sorted by Chinese name; columns procedures; missing cells empty', () => {
    const units = [
      { id: 'c1', name: '余杭区', level: 'county' as const, parentId: null },
      { id: 't1', name: '径山镇', level: 'township' as const, parentId: 'c1' },
      { id: 't2', name: '黄湖镇', level: 'township' as const, parentId: 'c1' },
      { id: 'v-b', name: '小古城村', level: 'village' as const, parentId: 't1' },
      { id: 'v-a', name: '径山村', level: 'village' as const, parentId: 't1' },
      { id: 'g-a1', name: '径山村一组', level: 'group' as const, parentId: 'v-a' },
      { id: 'v-c', name: '王位山村', level: 'village' as const, parentId: 't2' },
    ];
    const g = boardGrid(
      [
        { orgUnit: 'v-b', orgUnitName: '小古城村', procedure: 'p1', procedureTitle: '五议两公开', green: 1, yellow: 0, red: 0 },
        { orgUnit: 'g-a1', orgUnitName: '径山村一组', procedure: 'p2', procedureTitle: '信访', green: 0, yellow: 0, red: 2 },
        { orgUnit: 'v-c', orgUnitName: '王位山村', procedure: 'p1', procedureTitle: '五议两公开', green: 3, yellow: 1, red: 0 },
      ],
      units,
    );
    // 黄湖镇 (huáng) before 径山镇 (jìng); 径山村 before 小古城村; the group under its village.
    expect(g.rows.map((r) => `${'  '.repeat(r.depth)}${r.name}`)).toEqual(['黄湖镇', '  王位山村', '径山镇', '  径山村', '    径山村一组', '  小古城村']);
    expect(g.procedures.map(([, n]) => n)).toEqual(['五议两公开', '信访']);
    expect(g.cell('g-a1', 'p2')?.red).toBe(2);
    expect(g.cell('v-a', 'p1')).toBeUndefined();
  });

  it('process heat is relative to the slowest node and skips nodes without open cases', () => {
    const o = heatOverlay(
      [
        { nodeId: 'a', openCases: 2, avgWaitHours: 12, maxWaitHours: 20 },
        { nodeId: 'b', openCases: 1, avgWaitHours: 48, maxWaitHours: 48 },
        { nodeId: 'c', openCases: 0, avgWaitHours: 0, maxWaitHours: 0 },
      ],
      'zh',
    );
    expect(o.a?.heat).toBe(0.25);
    expect(o.b?.heat).toBe(1);
    expect(o.b?.badge).toBe('1 · 2.0 天');
    expect(o.c).toBeUndefined();
  });
});

describe('vote presets come from the engine catalogue', () => {
  it('村民代表会议 (组织法 §26): ⅔ of all members present, more than half of those present agree', () => {
    const p = VOTE_PRESETS.find((x) => x.zh === '村民代表会议 (组织法 §26)')!;
    expect(p.quorum?.rules[0]).toMatchObject({ base: 'all', op: '>=', num: 2, den: 3 });
    expect(p.pass).toMatchObject({ base: 'present', op: '>', num: 1, den: 2 });
  });
  it('党员大会选举: more than 4/5 of those entitled present', () => {
    const p = VOTE_PRESETS.find((x) => x.zh === '党员大会选举 (>4/5 到会, 过半)')!;
    expect(p.quorum?.rules[0]).toMatchObject({ base: 'entitled', op: '>', num: 4, den: 5 });
  });
});
