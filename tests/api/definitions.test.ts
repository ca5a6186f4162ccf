import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, publishDefinition, startTestApi, type TestApi } from './client.js';
import { approvalDefinition } from '../../testkit/api-fixtures.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const designer = () => api.as('designer');

describe('definition store', () => {
  it('a draft that does not match the schema is 422 VALIDATION with the path of the bad node field', async () => {
    const def = approvalDefinition('api-broken');
    (def.nodes[1] as { kind: string }).kind = 'teleport';
    (def.nodes[2] as { name: string }).name = '';
    const res = await designer().put('/api/definitions/api-broken/draft', def);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION');
    const paths = res.body.issues.map((i: { path: unknown[] }) => i.path.slice(0, 2).join('.'));
    expect(paths).toEqual(expect.arrayContaining(['nodes.1', 'nodes.2']));
    expect(res.body.issues.find((i: { path: unknown[] }) => i.path[1] === 1).message).toMatch(/teleport/);
    expect((await designer().get('/api/definitions/api-broken/draft')).body.code).toBe('NO_DRAFT');
  });

  it('a draft with graph errors is saved with its issues, and publishing it is refused with 422', async () => {
    const def = approvalDefinition('api-dangling');
    def.edges.push({ id: 'e9', from: 'review', to: 'nowhere' });
    const saved = await designer().put('/api/definitions/api-dangling/draft', def);
    expect(saved.status).toBe(200);
    const issue = saved.body.issues.find((i: { edgeId?: string }) => i.edgeId === 'e9');
    expect(issue).toMatchObject({ severity: 'error', path: ['edges', 4, 'to'] });
    const pub = await designer().post('/api/definitions/api-dangling/publish', { changeNote: '试发布' });
    expect(pub.status).toBe(422);
    expect(pub.body.message).toBe('流程定义有错误，不能发布');
    expect(pub.body.issues.some((i: { path: unknown[] }) => i.path[0] === 'edges' && i.path[1] === 4)).toBe(true);
    const check = await designer().post('/api/definitions/validate', def);
    expect(check.body.valid).toBe(false);
  });

  it('publishing records author, time and change note; the draft is consumed; published versions cannot be overwritten', async () => {
    const v = await publishDefinition(api, approvalDefinition('api-notes'), '首次发布');
    expect(v).toBe(1);
    const versions = await designer().get('/api/definitions/api-notes/versions');
    expect(versions.body).toEqual([{ version: 1, publishedAt: expect.any(String), publishedBy: 'designer', changeNote: '首次发布' }]);
    const list = await api.as('clerk1').get('/api/definitions');
    expect(list.body.find((d: { key: string }) => d.key === 'api-notes')).toMatchObject({ latestVersion: 1, hasDraft: false, title: '村务事项审批' });
    // Saving a draft again never touches version 1.
    const changed = approvalDefinition('api-notes', '改过的标题');
    await designer().put('/api/definitions/api-notes/draft', changed);
    expect((await designer().get('/api/definitions/api-notes/versions/1')).body.title).toBe('村务事项审批');
  });

  it('diff names the added, removed and changed nodes and edges between two versions', async () => {
    await publishDefinition(api, approvalDefinition('api-diff'));
    const next = approvalDefinition('api-diff');
    (next.nodes[2] as { name: string }).name = '镇分管领导审核';
    next.nodes.splice(3, 0, { id: 'archive', name: '归档', kind: 'task', assignment: { type: 'initiator' }, deadline: { duration: { amount: 1, unit: 'calendarDays' }, timeoutAction: 'none' } });
    next.edges = next.edges.map((e) => (e.id === 'e4' ? { ...e, to: 'archive' } : e));
    next.edges.push({ id: 'e5', from: 'archive', to: 'done' });
    await designer().put('/api/definitions/api-diff/draft', next);
    const toDraft = await designer().get('/api/definitions/api-diff/diff?from=1&to=draft');
    // Each change says what it was and what it became, with the node's name.
    expect(toDraft.body.nodes.added).toEqual([{ id: 'archive', name: '归档', kind: 'task' }]);
    expect(toDraft.body.nodes.removed).toEqual([]);
    expect(toDraft.body.nodes.changed).toEqual([{ id: 'review', name: '镇分管领导审核', kind: 'task', changes: [{ path: ['name'], from: '镇审核', to: '镇分管领导审核' }] }]);
    expect(toDraft.body.edges.added).toEqual([{ id: 'e5', from: 'archive', to: 'done' }]);
    expect(toDraft.body.edges.changed).toEqual([{ id: 'e4', from: expect.any(String), to: 'archive', changes: [{ path: ['to'], from: 'done', to: 'archive' }] }]);
    await designer().post('/api/definitions/api-diff/publish', { changeNote: '增加归档' });
    const between = await designer().get('/api/definitions/api-diff/diff?from=1&to=2');
    expect(between.body.nodes.added.map((n: { id: string }) => n.id)).toEqual(['archive']);
  });

  it('新建流程: blank (开始 → 结束) or from a published procedure as template, under a key of its own; a taken key is 409, a bad one 422', async () => {
    await publishDefinition(api, approvalDefinition('api-template'));
    const blank = await designer().post('/api/definitions', { key: 'api-blank', title: '空白新流程' });
    expect(blank.status).toBe(201);
    const blankDraft = (await designer().get('/api/definitions/api-blank/draft')).body;
    expect(blankDraft).toMatchObject({ key: 'api-blank', title: '空白新流程', version: 1 });
    expect(blankDraft.nodes.map((n: { kind: string }) => n.kind)).toEqual(['start', 'end']);
    const copy = await designer().post('/api/definitions', { key: 'api-from-template', title: '照模板新建', template: { key: 'api-template' } });
    expect(copy.status).toBe(201);
    const draft = (await designer().get('/api/definitions/api-from-template/draft')).body;
    const template = (await designer().get('/api/definitions/api-template/versions/1')).body;
    expect(draft).toMatchObject({ key: 'api-from-template', title: '照模板新建', version: 1 });
    expect(draft.nodes).toEqual(template.nodes);
    // The template itself is untouched and has no draft.
    expect((await designer().get('/api/definitions/api-template/draft')).status).toBe(404);
    const taken = await designer().post('/api/definitions', { key: 'api-template', title: '重名' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'DEFINITION_EXISTS' });
    expect(taken.body.message).toContain('api-template');
    const bad = await designer().post('/api/definitions', { key: '新流程', title: '标识不对' });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0].path).toEqual(['key']);
    const noTemplate = await designer().post('/api/definitions', { key: 'api-orphan', title: '模板不存在', template: { key: 'no-such' } });
    expect(noTemplate.status).toBe(404);
    expect((await api.as('clerk1').post('/api/definitions', { key: 'api-clerk', title: '村里新建' })).status).toBe(403);
  });

  it('drafts never leave the designer: a draft-only procedure and draft authors are not listed to staff', async () => {
    await designer().put('/api/definitions/api-secret-draft/draft', approvalDefinition('api-secret-draft', '尚未发布的草稿'));
    const mine = (await designer().get('/api/definitions')).body.find((d: { key: string }) => d.key === 'api-secret-draft');
    expect(mine).toMatchObject({ latestVersion: null, hasDraft: true, draftAuthor: 'designer' });
    const staff = await api.as('clerk1').get('/api/definitions');
    expect(staff.status).toBe(200);
    expect(staff.body.some((d: { key: string }) => d.key === 'api-secret-draft')).toBe(false);
    expect(staff.body.every((d: { latestVersion: number | null; hasDraft: boolean; draftAuthor?: string }) => d.latestVersion !== null && !d.hasDraft && d.draftAuthor === undefined)).toBe(true);
  });

  it('export gives the version as a JSON attachment; import makes it a draft', async () => {
    await publishDefinition(api, approvalDefinition('api-export'));
    const exp = await designer().get('/api/definitions/api-export/versions/1/export');
    expect(exp.headers.get('content-disposition')).toMatch(/attachment; filename="api-export-v1.json"/);
    const copy = { ...exp.body, key: 'api-imported', title: '导入的流程' };
    const imp = await designer().post('/api/definitions/import', copy);
    expect(imp.body).toEqual({ key: 'api-imported', draft: true });
    expect((await designer().get('/api/definitions/api-imported/draft')).body.title).toBe('导入的流程');
  });
});

describe('versions pin running cases', () => {
  it('a case started before a new version keeps its version; a new case runs the new one', async () => {
    await publishDefinition(api, approvalDefinition('api-pinned'), 'v1');
    const older = await api.as('clerk1').post('/api/cases', { procedure: 'api-pinned', title: '旧版本案件', orgUnit: 'v1' });
    expect(older.status).toBe(201);
    expect(older.body.caseId).toMatch(/^api-pinned-\d{8}-[A-Za-z0-9_-]{6}$/);

    const v2 = approvalDefinition('api-pinned');
    (v2.nodes[1] as { name: string }).name = '村委会研究办理';
    expect(await publishDefinition(api, v2, '环节改名')).toBe(2);

    const newer = await api.as('clerk1').post('/api/cases', { procedure: 'api-pinned', title: '新版本案件', orgUnit: 'v1' });
    const pinned = await api.as('clerk1').post('/api/cases', { procedure: 'api-pinned', version: 1, title: '指定旧版本', orgUnit: 'v1' });

    const detail = (id: string) =>
      eventually(async () => {
        const d = await api.as('clerk1').get(`/api/cases/${id}`);
        return d.body.tasks?.length ? d.body : undefined;
      });
    const a = await detail(older.body.caseId);
    const b = await detail(newer.body.caseId);
    const c = await detail(pinned.body.caseId);
    expect([a.definitionVersion, a.definition.version, a.tasks[0].nodeName]).toEqual([1, 1, '村委办理']);
    expect([b.definitionVersion, b.definition.version, b.tasks[0].nodeName]).toEqual([2, 2, '村委会研究办理']);
    expect([c.definitionVersion, c.tasks[0].nodeName]).toEqual([1, '村委办理']);
    expect(a.temporalUiUrl).toBe(`http://localhost:8233/namespaces/default/workflows/${older.body.caseId}`);
    expect(a.orgUnitName).toBe('小河村');

    const list = await eventually(async () => {
      const l = await api.as('clerk1').get('/api/cases?procedure=api-pinned');
      return l.body.items.length === 3 ? l.body.items : undefined;
    });
    expect(list.map((s: { version: number }) => s.version).sort()).toEqual([1, 1, 2]);
  });

  it('case lists page with an opaque token; a forged token is 422, not a 500', async () => {
    const first = await api.as('clerk1').get('/api/cases?procedure=api-pinned&pageSize=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextPageToken).toEqual(expect.any(String));
    const second = await api.as('clerk1').get(`/api/cases?procedure=api-pinned&pageSize=2&pageToken=${first.body.nextPageToken}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextPageToken).toBeNull();
    const seen = [...first.body.items, ...second.body.items].map((c: { caseId: string }) => c.caseId);
    expect(new Set(seen).size).toBe(3);
    const forged = await api.as('clerk1').get('/api/cases?pageToken=AAAAforged');
    expect(forged.status).toBe(422);
    expect(forged.body.issues[0].path).toEqual(['pageToken']);
    const search = await api.as('clerk1').get(`/api/cases?q=${encodeURIComponent('旧版本')}`);
    expect(search.body.items.map((c: { title: string }) => c.title).sort()).toEqual(['指定旧版本', '旧版本案件']);
  });

  it('starting an unknown procedure or version is 404 with a zh-CN message', async () => {
    const r = await api.as('clerk1').post('/api/cases', { procedure: 'api-pinned', version: 9, title: 'x', orgUnit: 'v1' });
    expect(r.status).toBe(404);
    expect(r.body.message).toMatch(/第 9 版/);
  });

  it('a case cannot be started with a parameter below the statute: a 3-day 村民会议 notice is 422 (组织法 第21条)', async () => {
    const r = await api.as('clerk1').post('/api/cases', {
      procedure: 'wuyi-liangkai',
      title: '通知期过短',
      orgUnit: 'v1',
      params: { villagers_notice_days: 3 },
    });
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('本案参数不合法');
    expect(r.body.issues[0].path).toEqual(['params', 'villagers_notice_days']);
    const ok = await api.as('clerk1').post('/api/cases', { procedure: 'wuyi-liangkai', title: '通知期合法', orgUnit: 'v1', params: { villagers_notice_days: 12 } });
    expect(ok.status).toBe(201);
  });
});
