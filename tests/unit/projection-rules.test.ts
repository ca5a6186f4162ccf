/**
 * Pure rules of the read model and its store, table-driven: org paths as ltree labels, Chinese
 * title search grams, due windows in Asia/Shanghai, page tokens; and the store's one promise —
 * an older or repeated write never turns a row back (PGlite in memory, the app's migrations).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectionWrite } from '../../activities/types.js';
import { openPglite, type Db } from '../../db/adapter.js';
import { migrate } from '../../db/migrate.js';
import { likePattern, queryGrams, titleGrams } from '../../db/projection/grams.js';
import { orgPathOf, pathLabel } from '../../db/projection/org-path.js';
import { decodeCursor, dueLimit, encodeCursor } from '../../server/projection/sql.js';
import { createProjectionStore } from '../../db/projection/store.js';

describe('org paths as ltree', () => {
  it.each([
    ['v1', 'v1'],
    ['v-jingshan', 'v_2d_jingshan'],
    ['t_1', 't_5f_1'],
    ['径山', '_5f84__5c71_'],
  ])('unit %j is the label %j (letters and digits only: PostgreSQL 15 takes no hyphen)', (id, label) => {
    expect(pathLabel(id)).toBe(label);
    expect(label).toMatch(/^[A-Za-z0-9_]+$/);
  });
  it('two different ids never share a label (v-1 and v_2d_1 would collide without encoding "_")', () => {
    expect(pathLabel('v-1')).not.toBe(pathLabel('v_2d_1'));
  });
  it('the path runs from the root: village chain [v, t, c] is c.t.v', () => {
    expect(orgPathOf(['v-jingshan', 't-jingshan', 'c-yuhang'])).toBe('c_2d_yuhang.t_2d_jingshan.v_2d_jingshan');
  });
});

describe('Chinese title search', () => {
  it('a title is indexed by its characters and adjacent pairs, lower-cased', () => {
    expect(titleGrams('修路 AB')).toEqual(['a', 'ab', 'b', '修', '修路', '路'].sort());
  });
  it.each([
    ['道路', ['道路']],
    ['道', ['道']],
    ['径山村道路', ['山村', '径山', '村道', '道路'].sort()],
    ['  ', []],
    ['a b', ['a', 'b']],
  ])('the query %j needs the grams %j', (q, grams) => {
    expect(queryGrams(q)).toEqual(grams);
  });
  it('every gram a query needs is in each title containing it', () => {
    const title = '径山村2026年道路硬化工程';
    for (const q of ['道路', '村2', '硬化工程', '2026']) expect(titleGrams(title)).toEqual(expect.arrayContaining(queryGrams(q)));
  });
  it('LIKE wildcards in a query are matched literally', () => {
    expect(likePattern('100%_a\\')).toBe('%100\\%\\_a\\\\%');
  });
});

describe('due windows (Asia/Shanghai)', () => {
  const now = new Date('2026-12-04T20:00:00Z'); // 2026-12-05 04:00 in Shanghai
  it.each([
    ['overdue', '2026-12-04T20:00:00.000Z'],
    ['today', '2026-12-05T16:00:00.000Z'],
    ['week', '2026-12-11T16:00:00.000Z'],
  ] as const)('%s ends at %s', (due, end) => {
    expect(dueLimit(due, now).toISOString()).toBe(end);
  });
});

describe('page tokens', () => {
  it('round-trip the last row’s sort key and ids', () => {
    const c = ['2026-12-05T16:00:00.000Z', 'case-1', 'task-2'] as [string, string, string];
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
  it.each(['bm90LWpzb24', 'WzEsMl0', '!!!'])('refuse %j with 422 and a Chinese message', (t) => {
    expect(() => decodeCursor(t)).toThrow(expect.objectContaining({ status: 422, message: '分页标记无效' }));
  });
});

describe('the projection store', () => {
  let db: Db;
  // PGlite starts in a few seconds (WebAssembly), slower with the other unit files in parallel.
  beforeAll(async () => {
    db = await openPglite('memory://');
    await migrate(db);
  }, 60_000);
  afterAll(async () => db?.close());

  const write = (seq: number, status: 'open' | 'claimed' | 'done', extra: Partial<ProjectionWrite> = {}): ProjectionWrite => ({
    caseId: 'c-1',
    seq,
    stateAt: new Date().toISOString(),
    secretNodes: ['vote'],
    case: {
      procedure: 'p', version: 1, title: '径山村道路修缮', orgUnit: 'v-1', orgUnits: ['v-1', 't-1', 'c-1'], status: status === 'done' ? 'completed' : 'running',
      light: 'green', stage: '办理', initiator: 'u1', startedAt: '2026-12-01T00:00:00Z', closedAt: null, nextDue: null, lastProgress: '2026-12-01T00:00:00Z',
      overdueCount: 0, everOverdue: false, outcome: null, openTasks: status === 'done' ? 0 : 1,
    },
    tasks: [{
      taskId: 't-1', nodeId: 'n', nodeName: '办理', kind: 'task', status, actors: status === 'done' ? [] : ['u1'], roles: [], assignees: ['u1'], candidateRoles: [],
      claimedBy: status === 'open' ? null : 'u1', createdAt: '2026-12-01T00:00:00Z', dueAt: null, warnAt: null, overdue: false,
      completedAt: status === 'done' ? '2026-12-02T00:00:00Z' : null, completedBy: status === 'done' ? 'u1' : null, operation: status === 'done' ? 'complete' : null,
    }],
    timelineFrom: 0,
    timeline: [{ at: '2026-12-01T00:00:00Z', type: 'case.started', actor: 'u1' }],
    ...extra,
  });
  const row = async () => (await db.query<{ seq: number; status: string }>('SELECT seq, status FROM proj_cases WHERE case_id = $1', ['c-1']))[0];
  const task = async () => (await db.query<{ status: string }>('SELECT status FROM proj_tasks WHERE case_id = $1', ['c-1']))[0];

  it('a newer write replaces the rows; an older or repeated one changes nothing', async () => {
    const store = createProjectionStore(db);
    expect(await store.apply(write(1, 'open'))).toMatchObject({ applied: true, tasks: 1, timeline: 1 });
    expect(await store.apply(write(3, 'done'))).toMatchObject({ applied: true });
    // Write 2 arrives late (a retry of a slow write): the case stays completed, its task done.
    expect(await store.apply(write(2, 'claimed'))).toMatchObject({ applied: false, tasks: 0 });
    expect(await store.apply(write(3, 'done'))).toMatchObject({ applied: false, tasks: 0, timeline: 0 });
    expect(await row()).toMatchObject({ seq: 3, status: 'completed' });
    expect(await task()).toMatchObject({ status: 'done' });
  });

  it('a secret ballot’s timeline is stored without who chose what', async () => {
    const store = createProjectionStore(db);
    await store.apply(write(4, 'done', { timelineFrom: 1, timeline: [{ at: '2026-12-02T00:00:00Z', type: 'vote.closed', actor: 'teller', nodeId: 'vote', detail: { round: 1, ballots: [{ voter: 'u2', choice: 'yes' }], choice: 'no' } }] }));
    const [e] = await db.query<{ detail: unknown }>('SELECT detail FROM proj_timeline WHERE case_id = $1 AND idx = 1', ['c-1']);
    expect(e!.detail).toEqual({ round: 1 });
  });
});
