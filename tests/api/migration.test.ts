/**
 * Migration of running cases through the API (issue 19), against the real database and Temporal:
 * the dry run lists the source version's cases with their due dates under the new version and
 * refuses an open vote; applying it migrates the chosen cases, records the run, and the case shows
 * the new version (detail, list) with who migrated it and why in its timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPeriod } from '../../activities/business-calendar.js';
import { eventually, publishDefinition, startTestApi, type TestApi } from './client.js';
import { migrationDefinition } from '../../testkit/migration-fixtures.js';

let api: TestApi;
const KEY = 'api-migrate';
beforeAll(async () => {
  api = await startTestApi();
  await publishDefinition(api, migrationDefinition(KEY, 1), '首次发布');
});
afterAll(async () => {
  await api?.close();
});

const designer = () => api.as('designer');

async function startCase(title: string) {
  const res = await api.as('clerk1').post('/api/cases', { procedure: KEY, title, orgUnit: 'v1', data: { summary: title } });
  expect(res.status).toBe(201);
  const caseId = res.body.caseId as string;
  const task = await eventually(async () => (await api.as('clerk1').get(`/api/cases/${caseId}`)).body.tasks?.find((t: { status: string }) => t.status === 'open'));
  return { caseId, task: task as { id: string; createdAt: string; dueAt: string } };
}

describe('migration of running cases', () => {
  it('only a 流程管理员 may ask; an unknown version is 404, the same version or no reason 422', async () => {
    expect((await api.as('clerk1').post(`/api/definitions/${KEY}/migrations/preview`, { fromVersion: 1, toVersion: 1 })).status).toBe(403);
    expect((await api.as('sec').post(`/api/definitions/${KEY}/migrations/apply`, { fromVersion: 1, toVersion: 2, caseIds: ['x'], reason: '试' })).status).toBe(403);
    const missing = await designer().post(`/api/definitions/${KEY}/migrations/preview`, { fromVersion: 1, toVersion: 9 });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe(`找不到流程 ${KEY} 的第 9 版`);
    const same = await designer().post(`/api/definitions/${KEY}/migrations/preview`, { fromVersion: 1, toVersion: 1 });
    expect(same.status).toBe(422);
    expect(same.body.issues).toEqual([{ path: ['toVersion'], message: '源版本与目标版本相同（第 1 版）' }]);
    const noReason = await designer().post(`/api/definitions/${KEY}/migrations/apply`, { fromVersion: 1, toVersion: 1, caseIds: ['x'], reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(JSON.stringify(noReason.body.issues)).toContain('请填写迁移原因');
  });

  it('dry run: two cases at 村委办理 get their due date under v2 (2 days from when the task opened), the one whose tally is entered is refused; apply migrates the two and records the run', async () => {
    const a = await startCase('迁移甲');
    const b = await startCase('迁移乙');
    const c = await startCase('迁移丙');
    // 丙 moves on to the meeting, and the teller enters a tally: the vote has begun.
    await api.as('clerk1').post(`/api/tasks/${c.caseId}/${c.task.id}/complete`, {});
    const vote = await eventually(async () => (await api.as('clerk1').get(`/api/cases/${c.caseId}`)).body.tasks?.find((t: { nodeId: string; status: string }) => t.nodeId === 'meeting' && t.status === 'open'));
    expect((await api.as('clerk1').post(`/api/tasks/${c.caseId}/${vote.id}/tally`, { groups: [{ entitled: 30, present: 21, yes: 12, no: 9 }] })).status).toBe(200);

    const v2 = migrationDefinition(KEY, 2);
    await designer().put(`/api/definitions/${KEY}/draft`, v2);
    expect((await designer().post(`/api/definitions/${KEY}/publish`, { changeNote: '受理审查2日；表决须到会⅔' })).body.version).toBe(2);

    const preview = await eventually(async () => {
      const r = await designer().post(`/api/definitions/${KEY}/migrations/preview`, { fromVersion: 1, toVersion: 2 });
      return r.body.cases?.length === 3 ? r : undefined;
    });
    expect(preview.status).toBe(200);
    const byId = Object.fromEntries(preview.body.cases.map((x: { caseId: string }) => [x.caseId, x]));
    expect(byId[c.caseId]).toMatchObject({ ok: false, refusals: [{ code: 'OPEN_VOTE', node: { id: 'meeting', name: '村民代表会议表决' } }] });
    expect(byId[c.caseId].refusals[0].message).toContain('表决正在进行');
    for (const x of [a, b]) {
      expect(byId[x.caseId]).toMatchObject({ ok: true, at: [{ id: 'handle', name: '村委办理' }], moves: [{ mode: 'keep', to: { id: 'handle', name: '村委受理审查' } }] });
      expect(byId[x.caseId].changes).toContainEqual({
        kind: 'deadline',
        node: { id: 'handle', name: '村委受理审查' },
        fromDue: x.task.dueAt,
        toDue: addPeriod(x.task.createdAt, 2, 'calendarDays').end.toISOString(),
        anchor: '本环节开始',
      });
    }
    // Refused cases are listed first.
    expect(preview.body.cases[0].caseId).toBe(c.caseId);

    const applied = await designer().post(`/api/definitions/${KEY}/migrations/apply`, { fromVersion: 1, toVersion: 2, caseIds: [a.caseId, b.caseId, c.caseId], reason: '按新条例调整受理期限' });
    expect(applied.status).toBe(200);
    expect(applied.body.migrated).toBe(2);
    const refused = applied.body.results.find((r: { caseId: string }) => r.caseId === c.caseId);
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('本案不能迁移到该版本');

    const detail = (await api.as('clerk1').get(`/api/cases/${a.caseId}`)).body;
    expect(detail.definitionVersion).toBe(2);
    expect(detail.definition.version).toBe(2);
    expect(detail.tasks.find((t: { id: string }) => t.id === a.task.id)).toMatchObject({ nodeName: '村委受理审查', dueAt: addPeriod(a.task.createdAt, 2, 'calendarDays').end.toISOString() });
    expect(detail.timeline.find((e: { type: string }) => e.type === 'case.migrated')).toMatchObject({ actor: 'designer', actorName: '流程管理员', comment: '按新条例调整受理期限', detail: { from: 1, to: 2 } });
    expect((await api.as('clerk1').get(`/api/cases/${c.caseId}`)).body.definitionVersion).toBe(1);

    // The case list shows the new version.
    await eventually(async () => {
      const list = await api.as('clerk1').get(`/api/cases?procedure=${KEY}`);
      const row = list.body.items?.find((x: { caseId: string }) => x.caseId === a.caseId);
      return row?.version === 2;
    });

    const runs = await designer().get(`/api/definitions/${KEY}/migrations`);
    expect(runs.body[0]).toMatchObject({ id: applied.body.migrationId, fromVersion: 1, toVersion: 2, reason: '按新条例调整受理期限', userName: '流程管理员', migrated: 2, failed: 1 });

    // Migrated cases are no longer on version 1: the next dry run lists only 丙.
    const again = await eventually(async () => {
      const r = await designer().post(`/api/definitions/${KEY}/migrations/preview`, { fromVersion: 1, toVersion: 2 });
      return r.body.cases?.length === 1 ? r : undefined;
    });
    expect(again.body.cases[0].caseId).toBe(c.caseId);

    // v3 drops 村委受理审查: from v2 it needs a target (422 naming it); mapped to the meeting, both cases move there.
    const v3 = migrationDefinition(KEY, 2);
    v3.nodes = v3.nodes.filter((n) => n.id !== 'handle');
    v3.edges = v3.edges.filter((e) => e.id !== 'e2').map((e) => (e.id === 'e1' ? { ...e, to: 'meeting' } : e));
    await designer().put(`/api/definitions/${KEY}/draft`, v3);
    expect((await designer().post(`/api/definitions/${KEY}/publish`, { changeNote: '取消受理审查' })).body.version).toBe(3);
    const unmapped = await designer().post(`/api/definitions/${KEY}/migrations/preview`, { fromVersion: 2, toVersion: 3 });
    expect(unmapped.status).toBe(422);
    expect(unmapped.body.issues).toEqual([{ path: ['mapping', 'handle'], message: '「村委受理审查」在新版本中已删除，请为它指定目标环节' }]);
    const mapped = await designer().post(`/api/definitions/${KEY}/migrations/preview`, { fromVersion: 2, toVersion: 3, mapping: { handle: 'meeting' } });
    expect(mapped.body.cases.map((x: { caseId: string; ok: boolean; changes: { kind: string }[] }) => [x.caseId, x.ok, x.changes.map((ch) => ch.kind)]).sort()).toEqual(
      [
        [a.caseId, true, ['moved']],
        [b.caseId, true, ['moved']],
      ].sort(),
    );
  });
});
