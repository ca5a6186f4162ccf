/**
 * The authorization matrix: every route of the running app (taken from Fastify's route table, so a
 * new route without an expectation here fails) is called by every fixture user and by an anonymous
 * caller; the guard must allow exactly the users this table names. The table is written from the
 * rules of the product, independently of server/auth/route-rules.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, publishDefinition, startTestApi, type TestApi } from './client.js';
import { approvalDefinition, DIRECTORY, PASSWORD } from '../../testkit/api-fixtures.js';
import { ROUTE_RULES } from '../../server/auth/route-rules.js';

const USERS = DIRECTORY.users.map((u) => u.id);
const WITH_ROLES = USERS.filter((u) => u !== 'nobody');
/** Citizens (信访人, 户主, 村民): no org scope, no inbox, never the user directory. */
const CITIZENS = ['petitioner', 'household', 'villager'];
/** Users whose grants cover 小河村 (v1): its own committee, the township, the county. */
const V1_SCOPE = ['admin', 'designer', 'sec', 'dept', 'xf', 'clerk1', 'clerk1b', 'superv', 'dm'];

type Who = 'anyone' | 'signedIn' | readonly string[];
const SIGNED_IN: Who = 'signedIn';
const STAFF: Who = WITH_ROLES.filter((u) => !CITIZENS.includes(u));
/** Staff and citizens: their own inbox and cases, the procedures they may start. */
const PARTICIPANTS: Who = WITH_ROLES;
const DESIGNERS: Who = ['admin', 'designer'];
const ADMINS: Who = ['admin'];
const SUPERVISORS: Who = ['sec'];
/** Decoding Temporal payloads is the operations role's alone, not an administrator's (issue 14). */
const OPERATORS: Who = ['ops'];

function expected(method: string, url: string): Who | undefined {
  if (url.startsWith('/api/docs')) return 'anyone';
  // The web app's files and its SPA fallback.
  if (method === 'GET' && !url.startsWith('/api/') && !['/healthz', '/readyz', '/metrics'].includes(url)) return 'anyone';
  const key = `${method} ${url}`;
  if (['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /api/openapi.json', 'POST /api/auth/login', 'POST /api/csp-report'].includes(key)) return 'anyone';
  // The print page's stylesheet and script carry no data.
  if (['GET /api/documents/print.css', 'GET /api/documents/print.js'].includes(key)) return 'anyone';
  // Each user's own notifications and channel settings.
  if (['GET /api/notifications/groups', 'POST /api/notifications/read-all', 'GET /api/me/notification-settings', 'PUT /api/me/notification-settings'].includes(key)) return SIGNED_IN;
  if (['POST /api/auth/logout', 'GET /api/auth/me', 'POST /api/auth/password', 'GET /api/org/units', 'GET /api/roles', 'GET /api/notifications', 'POST /api/notifications/:id/read'].includes(key)) return SIGNED_IN;
  if (url.startsWith('/api/codec/')) return OPERATORS;
  if (url.startsWith('/api/ops/')) return ADMINS;
  if (url.startsWith('/api/org/units') || (url.startsWith('/api/users') && method !== 'GET')) return ADMINS;
  if (key === 'GET /api/users') return STAFF;
  if (['GET /api/definitions', 'GET /api/definitions/startable', 'GET /api/definitions/:key/versions', 'GET /api/definitions/:key/versions/:version'].includes(key)) return PARTICIPANTS;
  if (url.startsWith('/api/definitions') || url.startsWith('/api/play')) return DESIGNERS;
  // Through the guard: a grant covering 小河村 (a citizen's too — which procedure they may start is the handler's check).
  if (key === 'POST /api/cases') return [...V1_SCOPE, 'petitioner', 'villager'];
  if (key === 'GET /api/cases' || key === 'GET /api/inbox') return PARTICIPANTS;
  // Citizens not involved in the case (all of them here) are refused like staff of another village.
  if (url.startsWith('/api/cases/:caseId') || url.startsWith('/api/tasks/')) return V1_SCOPE;
  if (url.startsWith('/api/monitor/') || url.startsWith('/api/reports/')) return SUPERVISORS;
  // One's own out-of-office 委托 rules: staff who have an inbox (citizens hand nothing over).
  if (url.startsWith('/api/delegations')) return STAFF;
  return undefined;
}

async function streamStatus(path: string, cookie: string | undefined): Promise<{ status: number; body: { code?: string } | undefined }> {
  const ctrl = new AbortController();
  const res = await fetch(`${api.stack.url}${path}`, { headers: cookie ? { cookie } : {}, signal: ctrl.signal });
  const body = res.headers.get('content-type')?.startsWith('application/json') ? ((await res.json()) as { code?: string }) : undefined;
  ctrl.abort();
  return { status: res.status, body };
}

let api: TestApi;
let caseId = '';
let taskId = '';

beforeAll(async () => {
  api = await startTestApi();
  await publishDefinition(api, approvalDefinition());
  const started = await api.as('clerk1').post('/api/cases', { procedure: 'api-approval', title: '权限矩阵测试', orgUnit: 'v1' });
  caseId = started.body.caseId;
  taskId = await eventually(async () => {
    const d = await api.as('clerk1').get(`/api/cases/${caseId}`);
    return d.body.tasks?.[0]?.id as string | undefined;
  });
});
afterAll(async () => {
  await api?.close();
});

function concrete(url: string): string {
  return url
    .replace(':caseId', caseId)
    .replace(':taskId', taskId)
    .replace(':key', 'api-approval')
    .replace(':version', '1')
    .replace(':documentId', 'approval-slip')
    .replace(':id', '999999')
    .replace('*', 'x');
}

describe('authorization matrix', () => {
  it('every route of the app has a rule in the route table (deny by default) and an expectation here', () => {
    const routes = api.stack.server.routes.filter((r) => r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThan(50);
    const withoutExpectation = routes.filter((r) => expected(r.method, r.url) === undefined).map((r) => `${r.method} ${r.url}`);
    expect(withoutExpectation).toEqual([]);
    const withoutRule = routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && !ROUTE_RULES[`${r.method} ${r.url}`]).map((r) => `${r.method} ${r.url}`);
    expect(withoutRule).toEqual([]);
  });

  it('every route answers every role as the table says: 401 anonymous, 403 outside role or org scope, otherwise through', async () => {
    const routes = api.stack.server.routes
      .filter((r) => r.method !== 'OPTIONS')
      // Logging out ends the session: walk it last.
      .sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
    const mismatches: string[] = [];
    for (const user of [undefined, ...USERS]) {
      for (const r of routes) {
        const who = expected(r.method, r.url)!;
        const allowed = who === 'anyone' || (user !== undefined && (who === 'signedIn' || who.includes(user)));
        // Bodies that fail validation, so allowed calls change nothing; POST /api/cases names v1 for the scope check.
        const body = r.method === 'GET' ? undefined : r.url === '/api/cases' ? { orgUnit: 'v1' } : [];
        // An event stream never ends: its status is the answer (the body of a refusal is JSON).
        const res = r.url.endsWith('/events') ? await streamStatus(concrete(r.url), user ? api.cookies[user] : undefined) : await call(api.stack.url, r.method, concrete(r.url), { cookie: user ? api.cookies[user] : undefined, body });
        const denied = (res.status === 401 && res.body?.code === 'NOT_AUTHENTICATED') || (res.status === 403 && res.body?.code === 'FORBIDDEN');
        if (res.status >= 500) mismatches.push(`${user ?? 'anonymous'} ${r.method} ${r.url}: ${res.status}`);
        if (allowed === denied) mismatches.push(`${user ?? 'anonymous'} ${r.method} ${r.url}: expected ${allowed ? 'allow' : 'deny'}, got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
        if (!allowed && user === undefined && res.status !== 401) mismatches.push(`anonymous ${r.method} ${r.url}: expected 401, got ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
    for (const u of DIRECTORY.users) api.cookies[u.id] = await api.stack.login(u.username ?? u.id, PASSWORD);
  });

  it('a village clerk lists only their village; the township supervisor sees all its villages', async () => {
    const other = await api.as('clerk2').post('/api/cases', { procedure: 'api-approval', title: '大山村事项', orgUnit: 'v2' });
    expect(other.status).toBe(201);
    await eventually(async () => {
      const all = await api.as('sec').get('/api/cases');
      const ids = all.body.items.map((c: { caseId: string }) => c.caseId);
      return ids.includes(caseId) && ids.includes(other.body.caseId);
    });
    const v1 = await api.as('clerk1b').get('/api/cases');
    const ids = v1.body.items.map((c: { caseId: string }) => c.caseId);
    expect(ids).toContain(caseId);
    expect(ids).not.toContain(other.body.caseId);
    expect((await api.as('clerk1b').get(`/api/cases/${other.body.caseId}`)).status).toBe(403);
    expect((await api.as('clerk2').post('/api/cases', { procedure: 'api-approval', title: '越权发起', orgUnit: 'v1' })).status).toBe(403);
  });
});
