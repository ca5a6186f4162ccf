/**
 * Personal data (issue 14): petitioners' names, phones and 信访代表 stay out of Temporal visibility,
 * case titles, lists, 已办 and notifications; the case page shows them only to 信访 roles; and the
 * Temporal Web UI's decoder is a dedicated operations role whose every use is audited, which sees
 * "***" for sensitive fields unless it also holds a 信访 role, and never a ballot choice.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectorySeed } from '../../server/seed/directory.js';
import { startStack, type Stack } from '../../testkit/stack.js';
import { call, eventually } from '../api/client.js';
import { databaseRows } from './observe.js';

const PASSWORD = 'jiceng2026';

const DIRECTORY: DirectorySeed = {
  units: [
    { id: 'c1', name: '示范县', level: 'county', parentId: null },
    { id: 't1', name: '桂花镇', level: 'township', parentId: 'c1' },
    { id: 'v1', name: '小河村', level: 'village', parentId: 't1' },
    { id: 'v2', name: '大山村', level: 'village', parentId: 't1' },
  ],
  users: [
    { id: 'admin', username: 'admin', name: '管理员', grants: [{ role: 'ADMIN', orgUnit: 'c1' }] },
    { id: 'xf', username: 'xf', name: '信访办', grants: [{ role: 'TWN_XF_OFFICE', orgUnit: 't1' }] },
    { id: 'clerk', username: 'clerk', name: '小河村文书', grants: [{ role: 'VIL_COMM', orgUnit: 'v1' }] },
    { id: 'party', username: 'party', name: '小河村支部书记', grants: [{ role: 'VIL_PARTY', orgUnit: 'v1' }] },
    { id: 'ops', username: 'ops', name: '运维解码员', grants: [{ role: 'OPS_DECODER', orgUnit: 'v2' }] },
    { id: 'opsxf', username: 'opsxf', name: '信访运维', grants: [{ role: 'OPS_DECODER', orgUnit: 'v2' }, { role: 'TWN_XF_OFFICE', orgUnit: 't1' }] },
  ],
};

const PETITIONER = '王小明';
const PHONE = '13900001111';
const REPRESENTATIVES = '李大山、赵小河';
const SECRETS = [PETITIONER, PHONE, '李大山', '赵小河'];

let stack: Stack;
const cookies: Record<string, string> = {};
const as = (user: string) => ({
  get: (p: string) => call(stack.url, 'GET', p, { cookie: cookies[user] }),
  post: (p: string, b: unknown = {}) => call(stack.url, 'POST', p, { cookie: cookies[user], body: b }),
});
let xinfangCase = '';

type JsonPayload = { metadata: Record<string, string>; data?: string };

/** The case's history payloads as the Temporal Web UI sends them to the codec endpoint. */
async function historyPayloads(caseId: string): Promise<JsonPayload[]> {
  const history = await stack.env.client.workflow.getHandle(caseId).fetchHistory();
  const out: JsonPayload[] = [];
  const walk = (v: unknown): void => {
    if (v && typeof v === 'object' && 'metadata' in v && 'data' in v && (v as { data: unknown }).data instanceof Uint8Array) {
      const p = v as { metadata: Record<string, Uint8Array>; data: Uint8Array };
      out.push({ metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, x]) => [k, Buffer.from(x).toString('base64')])), data: Buffer.from(p.data).toString('base64') });
      return;
    }
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object' && !(v instanceof Uint8Array)) Object.values(v).forEach(walk);
  };
  walk(history.events ?? []);
  return out;
}

const decodedText = (body: { payloads: JsonPayload[] }) => body.payloads.map((p) => Buffer.from(p.data ?? '', 'base64').toString('utf8')).join('\n');

beforeAll(async () => {
  stack = await startStack({ seedDirectory: DIRECTORY, logLevel: 'error' });
  for (const u of DIRECTORY.users) cookies[u.id] = await stack.login(u.username ?? u.id, PASSWORD);
  const started = await as('xf').post('/api/cases', {
    procedure: 'xinfang',
    title: `${PETITIONER}反映宅基地纠纷`,
    orgUnit: 'v1',
    data: { petitioner: PETITIONER, petitioner_phone: PHONE, representatives: REPRESENTATIVES, person_count: 6, visit_form: 'visit', summary: '宅基地纠纷' },
  });
  expect(started.status).toBe(201);
  xinfangCase = started.body.caseId;
  await eventually(async () => (await as('xf').get(`/api/cases/${xinfangCase}`)).body.tasks?.length > 0);
}, 300_000);

afterAll(async () => {
  await stack?.close();
});

describe('信访: personal data stays where only 信访 roles read it', () => {
  it('信访代表 are a sensitive field of the built-in 信访 definition, like the petitioner', async () => {
    const def = (await as('xf').get('/api/definitions/xinfang/versions/1')).body;
    const fields = (def.definition ?? def).fields as { key: string; sensitive: boolean }[];
    expect(fields.find((f) => f.key === 'representatives')?.sensitive).toBe(true);
    expect(fields.find((f) => f.key === 'petitioner')?.sensitive).toBe(true);
  });

  it('the title is stored without the petitioner’s name; the case page shows the person only to the 信访 office', async () => {
    const forXf = (await as('xf').get(`/api/cases/${xinfangCase}`)).body;
    expect(forXf.title).toBe('***反映宅基地纠纷');
    expect(forXf.data).toMatchObject({ petitioner: PETITIONER, petitioner_phone: PHONE, representatives: REPRESENTATIVES });
    const forClerk = (await as('clerk').get(`/api/cases/${xinfangCase}`));
    expect(forClerk.status).toBe(200);
    expect(forClerk.body.data).toMatchObject({ petitioner: '***', petitioner_phone: '***', representatives: '***', summary: '宅基地纠纷' });
    for (const s of SECRETS) expect(JSON.stringify(forClerk.body)).not.toContain(s);
  });

  it('Temporal visibility holds ids and codes only: no JcTitle, no name anywhere in the search attributes, the memo encrypted', async () => {
    const desc = await stack.env.client.workflow.getHandle(xinfangCase).describe();
    const attributes = desc.typedSearchAttributes.getAll();
    expect(attributes.map((p) => p.key.name)).not.toContain('JcTitle');
    for (const s of [...SECRETS, '宅基地']) expect(JSON.stringify(attributes.map((p) => p.value))).not.toContain(s);
    const raw = await stack.env.connection.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: xinfangCase } });
    const memoBytes = Object.values(raw.workflowExecutionInfo?.memo?.fields ?? {}).map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('');
    expect(memoBytes.length).toBeGreaterThan(0);
    expect(memoBytes).not.toContain('反映');
    // The list shows the stored (masked) title, to everyone.
    const list = (await as('clerk').get('/api/cases')).body.items as { caseId: string; title: string }[];
    expect(list.find((i) => i.caseId === xinfangCase)?.title).toBe('***反映宅基地纠纷');
  });

  it('no row of the app database holds the petitioner, the phone or a 信访代表 (notifications, 已办, 抄送 included)', async () => {
    await as('xf').post(`/api/cases/${xinfangCase}/cc`, { userIds: ['clerk'], note: '请知悉' });
    await eventually(async () => (await as('xf').get('/api/notifications')).body.items?.length > 0);
    const rows = await databaseRows(stack.server.ctx.db);
    const text = JSON.stringify(rows);
    expect(text).toContain(xinfangCase);
    for (const s of SECRETS) expect(text).not.toContain(s);
  });
});

describe('发展党员: titles are masked like the fields', () => {
  it('a name given in the title and the start data is stored as ***', async () => {
    const r = await as('party').post('/api/cases', { procedure: 'dangyuan-fazhan', title: '小河村发展党员：章晓燕', orgUnit: 'v1', data: { applicant_name: '章晓燕', applicant_age: 29, application_date: '2026-10-20' } });
    expect(r.status).toBe(201);
    const s = await eventually(async () => {
      const d = (await as('party').get(`/api/cases/${r.body.caseId}`)).body;
      return d.tasks?.length ? d : undefined;
    });
    expect(s.title).toBe('小河村发展党员：***');
    expect(s.data.applicant_name).toBe('***');
    expect(JSON.stringify(s)).not.toContain('章晓燕');
  });

  it('a name filled in later is masked in the title on the case page too, for readers without a 信访 role', async () => {
    const r = await as('party').post('/api/cases', { procedure: 'dangyuan-fazhan', title: '小河村发展党员：孙小梅', orgUnit: 'v1' });
    const caseId = r.body.caseId as string;
    const task = await eventually(async () => (await as('party').get(`/api/cases/${caseId}`)).body.tasks?.find((t: { nodeId: string; status: string }) => t.nodeId === 'application' && t.status === 'open'));
    const done = await as('party').post(`/api/tasks/${caseId}/${task.id}/complete`, { action: 'register', data: { applicant_name: '孙小梅', applicant_age: 30, application_date: '2026-11-02', application_received_on: '2026-11-02' } });
    expect(done.status).toBe(200);
    expect(done.body.state.title).toBe('小河村发展党员：***');
    expect(JSON.stringify((await as('clerk').get(`/api/cases/${caseId}`)).body)).not.toContain('孙小梅');
    expect((await as('xf').get(`/api/cases/${caseId}`)).body.title).toBe('小河村发展党员：孙小梅');
  });
});

describe('/api/codec/decode: the operations role, audited, masked', () => {
  it('an administrator may not decode; an operator sees *** for every sensitive field and value; each decode is audited', async () => {
    const payloads = await historyPayloads(xinfangCase);
    expect(payloads.length).toBeGreaterThan(5);
    // Sealed: nothing readable without the key.
    for (const s of SECRETS) expect(payloads.map((p) => Buffer.from(p.data ?? '', 'base64').toString('utf8')).join('')).not.toContain(s);
    const admin = await as('admin').post('/api/codec/decode', { payloads });
    expect(admin.status).toBe(403);
    const before = await stack.server.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM codec_decode_audit');
    const ops = await as('ops').post('/api/codec/decode', { payloads });
    expect(ops.status).toBe(200);
    const text = decodedText(ops.body);
    expect(text).toContain('宅基地纠纷');
    expect(text).toContain('"petitioner":"***"');
    expect(text).toContain('"representatives":"***"');
    for (const s of SECRETS) expect(text).not.toContain(s);
    const audit = await stack.server.ctx.db.query<{ user_id: string; case_ids: string[]; payloads: number; masked: boolean; at: Date }>('SELECT user_id, case_ids, payloads, masked, at FROM codec_decode_audit ORDER BY id');
    expect(audit).toHaveLength((before[0]?.n ?? 0) + 1);
    expect(audit.at(-1)).toMatchObject({ user_id: 'ops', case_ids: [xinfangCase], payloads: payloads.length, masked: true });
    expect(Date.now() - new Date(audit.at(-1)!.at).getTime()).toBeLessThan(60_000);
  });

  it('an operator who also holds a 信访 role reads the petitioner; the audit says it was unmasked', async () => {
    const payloads = await historyPayloads(xinfangCase);
    const r = await as('opsxf').post('/api/codec/decode', { payloads });
    expect(r.status).toBe(200);
    expect(decodedText(r.body)).toContain(PETITIONER);
    const last = (await stack.server.ctx.db.query<{ user_id: string; masked: boolean }>('SELECT user_id, masked FROM codec_decode_audit ORDER BY id DESC LIMIT 1'))[0];
    expect(last).toEqual({ user_id: 'opsxf', masked: false });
  });

  it('a secret ballot of a case recorded before the ballot box: the decoder sees who voted, never what', async () => {
    const file = fileURLToPath(new URL('../histories/secret-ballot.json', import.meta.url));
    const events = (JSON.parse(readFileSync(file, 'utf8')) as { events: { workflowExecutionUpdateAcceptedEventAttributes?: { acceptedRequest: { input: { name: string; args: { payloads: JsonPayload[] } } } } }[] }).events;
    const casts = events.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest.input).filter((i) => i?.name === 'castBallot');
    expect(casts.length).toBe(4);
    const r = await as('opsxf').post('/api/codec/decode', { payloads: casts.flatMap((c) => c!.args.payloads) });
    expect(r.status).toBe(200);
    const args = r.body.payloads.map((p: JsonPayload) => JSON.parse(Buffer.from(p.data ?? '', 'base64').toString('utf8')) as { actor: { userId: string }; choice: unknown });
    expect(args.map((a: { actor: { userId: string } }) => a.actor.userId)).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(args.map((a: { choice: unknown }) => a.choice)).toEqual(['***', '***', '***', '***']);
  });
});
