/**
 * Issue 18 (part C) through HTTP: a case's documents (the 审批单 of any case, as the print page and
 * JSON) for those who may see the case and no one else; notifications grouped by case and marked
 * read all at once; channel settings refused in Chinese, with the field, when they cannot work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, publishDefinition, startTestApi, type TestApi } from './client.js';
import { approvalDefinition } from '../../testkit/api-fixtures.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await publishDefinition(api, approvalDefinition());
});
afterAll(async () => {
  await api?.close();
});

describe('documents of a case', () => {
  it('the 审批单 is listed and printable for the clerk; another village gets 403, nobody signed in 401', async () => {
    const started = await api.as('clerk1').post('/api/cases', { procedure: 'api-approval', title: '修缮村道审批', orgUnit: 'v1', data: { summary: '修路' } });
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;
    const list = await eventually(async () => {
      const r = await api.as('clerk1').get(`/api/cases/${caseId}/documents`);
      return r.status === 200 ? r : undefined;
    });
    const slip = list.body.items.find((d: { kind: string }) => d.kind === 'approvalSlip');
    expect(slip).toMatchObject({ documentId: 'approval-slip', title: '修缮村道审批' });
    expect(slip.heading).toMatch(/审批单$/);

    const doc = await api.as('clerk1').get(`/api/cases/${caseId}/documents/approval-slip`);
    expect(doc.status).toBe(200);
    const text = JSON.stringify(doc.body.body);
    expect(text).toContain('小河村');
    expect(text).toContain('小河村文书甲');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

    const html = await api.as('clerk1').get(`/api/cases/${caseId}/documents/approval-slip/html`);
    expect(html.status).toBe(200);
    expect(String(html.headers.get('content-type'))).toMatch(/text\/html/);
    expect(String(html.body)).toContain('/api/documents/print.css');

    expect((await api.as('clerk2').get(`/api/cases/${caseId}/documents`)).status).toBe(403);
    expect((await api.as('clerk2').get(`/api/cases/${caseId}/documents/approval-slip/html`)).status).toBe(403);
    expect((await api.as('nobody-signed-in').get(`/api/cases/${caseId}/documents`)).status).toBe(401);
    const missing = await api.as('clerk1').get(`/api/cases/${caseId}/documents/DOC-0000`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/文书/);
  });
});

describe('notifications', () => {
  it('grouped by case with their unread counts; 全部标为已读 leaves none unread', async () => {
    const started = await api.as('clerk1').post('/api/cases', { procedure: 'api-approval', title: '通知分组', orgUnit: 'v1', data: { summary: '修路' } });
    const caseId = started.body.caseId as string;
    const groups = await eventually(async () => {
      const r = await api.as('clerk1b').get('/api/notifications/groups');
      return r.body.groups?.some((g: { caseId: string }) => g.caseId === caseId) ? r : undefined;
    });
    const g = groups.body.groups.find((x: { caseId: string }) => x.caseId === caseId);
    expect(g).toMatchObject({ caseTitle: '通知分组', unread: 1, total: 1 });
    expect(g.latest.title).toMatch(/^新待办/);
    const all = await api.as('clerk1b').post('/api/notifications/read-all', {});
    expect(all.status).toBe(200);
    expect(all.body.unread).toBe(0);
    expect((await api.as('clerk1b').get('/api/notifications?unread=true')).body.items).toEqual([]);
  });

  it('channel settings: a channel this deployment has not configured is refused in Chinese, naming the field', async () => {
    const current = await api.as('clerk1').get('/api/me/notification-settings');
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ channels: [], quietHours: null, available: [] });
    const r = await api.as('clerk1').put('/api/me/notification-settings', { channels: ['sms'], mobile: null, quietHours: { start: '22:00', end: '07:00' } });
    expect(r.status).toBe(422);
    expect(r.body.message).toMatch(/未配置短信/);
    expect(r.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual(expect.arrayContaining([['channels', 0], ['mobile']]));
    const ok = await api.as('clerk1').put('/api/me/notification-settings', { channels: [], quietHours: { start: '22:00', end: '07:00' } });
    expect(ok.status).toBe(200);
    expect(ok.body.quietHours).toEqual({ start: '22:00', end: '07:00' });
    expect((await api.as('nobody-signed-in').get('/api/me/notification-settings')).status).toBe(401);
  });
});
