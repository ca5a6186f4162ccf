/**
 * A case's change stream (issue 18: the old holder's page follows a hand-off): a page that shows a
 * case hears `changed` when someone else acts on it, and someone who may not see the case cannot
 * listen to it. Real database, real dev server.
 */
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, publishDefinition, startTestApi, type TestApi } from './client.js';
import { migrationDefinition } from '../../testkit/migration-fixtures.js';

let api: TestApi;
const KEY = 'api-case-events';
beforeAll(async () => {
  api = await startTestApi();
  await publishDefinition(api, migrationDefinition(KEY, 1), '首次发布');
});
afterAll(async () => {
  await api?.close();
});

/** Reads an event stream until `pred` holds on what came so far, or gives up after `ms`; then hangs up, as a closed page does. */
function listen(caseId: string, user: string, pred: (text: string) => boolean, ms = 15_000): Promise<{ status: number; type: string | null; text: string }> {
  return new Promise((resolve, reject) => {
    const req = get(`${api.stack.url}/api/cases/${encodeURIComponent(caseId)}/events`, { headers: { cookie: api.cookies[user]! } }, (res) => {
      let text = '';
      const done = () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? null, text });
      };
      const timer = setTimeout(done, ms);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (pred(text)) done();
      });
      res.on('end', done);
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
  });
}

describe('a case\'s change stream', () => {
  it('tells a page that shows the case that someone else acted on it; another village\'s clerk may not listen', async () => {
    const started = await api.as('clerk1').post('/api/cases', { procedure: KEY, title: '路灯维修', orgUnit: 'v1', data: { summary: '路灯维修' } });
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;
    const task = await eventually(async () => (await api.as('clerk1').get(`/api/cases/${caseId}`)).body.tasks?.find((t: { status: string }) => t.status === 'open'));

    expect((await listen(caseId, 'clerk2', () => true, 3_000)).status).toBe(403);

    // 文书甲 has the case open; 文书乙 claims its task.
    const heard = listen(caseId, 'clerk1', (text) => text.includes('event: changed'));
    await new Promise((r) => setTimeout(r, 300));
    const claim = await api.as('clerk1b').post(`/api/tasks/${encodeURIComponent(caseId)}/${encodeURIComponent((task as { id: string }).id)}/claim`);
    expect(claim.status).toBe(200);
    const got = await heard;
    expect(got.status).toBe(200);
    expect(got.type).toMatch(/^text\/event-stream/);
    expect(got.text).toMatch(/event: changed\ndata: \d+\n/);
  });
});
