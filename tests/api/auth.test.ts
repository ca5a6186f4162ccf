import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestApi, type TestApi } from './client.js';
import { PASSWORD } from '../../testkit/api-fixtures.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe('accounts', () => {
  it('login sets an httpOnly SameSite=Lax session cookie and /me lists roles and capabilities', async () => {
    const res = await call(api.stack.url, 'POST', '/api/auth/login', { body: { username: 'sec', password: PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jc_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await call(api.stack.url, 'GET', '/api/auth/me', { cookie: cookie.split(';')[0] });
    expect(me.body).toMatchObject({ username: 'sec', grants: [{ role: 'TWN_SEC', orgUnit: 't1' }] });
    expect(me.body.capabilities).toEqual(expect.arrayContaining(['inbox', 'monitor', 'xinfang']));
    expect(me.body.capabilities).not.toContain('admin');
  });

  it('a second login rotates the session: the old cookie no longer works', async () => {
    const first = await api.stack.login('clerk2', PASSWORD);
    const res = await call(api.stack.url, 'POST', '/api/auth/login', { cookie: first, body: { username: 'clerk2', password: PASSWORD } });
    const second = res.headers.getSetCookie().find((c) => c.startsWith('jc_session='))!.split(';')[0]!;
    expect(second).not.toBe(first);
    expect((await call(api.stack.url, 'GET', '/api/auth/me', { cookie: first })).status).toBe(401);
    expect((await call(api.stack.url, 'GET', '/api/auth/me', { cookie: second })).status).toBe(200);
  });

  it('wrong password is 401 with a zh-CN message; the 5th failure locks the account for 15 minutes (423), even for the right password', async () => {
    for (let i = 1; i <= 4; i++) {
      const r = await call(api.stack.url, 'POST', '/api/auth/login', { body: { username: 'grp', password: 'wrong-password' } });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    }
    const fifth = await call(api.stack.url, 'POST', '/api/auth/login', { body: { username: 'grp', password: 'wrong-password' } });
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    const right = await call(api.stack.url, 'POST', '/api/auth/login', { body: { username: 'grp', password: PASSWORD } });
    expect(right.status).toBe(423);
    expect(right.body.message).toMatch(/锁定/);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const r = await call(api.stack.url, 'POST', '/api/auth/login', { body: { username: 'ghost', password: 'x' } });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('logout ends the session', async () => {
    const cookie = await api.stack.login('clerk1b', PASSWORD);
    expect((await call(api.stack.url, 'POST', '/api/auth/logout', { cookie })).status).toBe(204);
    expect((await call(api.stack.url, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
  });

  it('password change needs the current password; the new one works afterwards', async () => {
    const cookie = await api.stack.login('nobody', PASSWORD);
    const wrong = await call(api.stack.url, 'POST', '/api/auth/password', { cookie, body: { current: 'nope', next: 'new-password-1' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.issues[0].path).toEqual(['current']);
    expect((await call(api.stack.url, 'POST', '/api/auth/password', { cookie, body: { current: PASSWORD, next: 'new-password-1' } })).status).toBe(204);
    await expect(api.stack.login('nobody', 'new-password-1')).resolves.toMatch(/^jc_session=/);
  });
});

describe('errors and operations', () => {
  it('bad input is 422 VALIDATION with issue paths, never a 500', async () => {
    const r = await call(api.stack.url, 'POST', '/api/auth/login', { body: { username: '', password: 5 } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('VALIDATION');
    expect(r.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual(expect.arrayContaining([['username'], ['password']]));
  });

  it('malformed JSON is 400, an unknown route 404, a body over 1 MB 413 — each with {code, message}', async () => {
    const bad = await call(api.stack.url, 'POST', '/api/auth/login', { raw: '{"username":' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('BAD_REQUEST');
    const missing = await call(api.stack.url, 'GET', '/api/no-such-thing', { cookie: api.cookies.admin });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const big = await call(api.stack.url, 'POST', '/api/definitions/validate', { cookie: api.cookies.designer, raw: JSON.stringify({ x: 'a'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('JSON nested deeper than 64 levels (100,000 here, well under 1 MB) is 422 in Chinese, not a 500; 64 levels pass on to validation', async () => {
    for (const raw of ['['.repeat(100_000) + ']'.repeat(100_000), '{"key":'.repeat(5_000) + '1' + '}'.repeat(5_000)]) {
      const deep = await call(api.stack.url, 'POST', '/api/definitions/validate', { cookie: api.cookies.designer, raw });
      expect(deep.status).toBe(422);
      expect(deep.body).toMatchObject({ code: 'VALIDATION', issues: [{ message: '数据嵌套层级过深（最多 64 层）' }] });
    }
    // 64 levels: not refused for depth; the definition validator answers about the definition.
    const ok = await call(api.stack.url, 'POST', '/api/definitions/validate', { cookie: api.cookies.designer, raw: JSON.stringify({ key: 'deep', title: '深', nodes: [], edges: [], x: JSON.parse('['.repeat(62) + ']'.repeat(62)) }) });
    expect(ok.status).toBe(200);
    expect(ok.body.valid).toBe(false);
    // U+0000 in a nested key is still refused.
    const nul = await call(api.stack.url, 'POST', '/api/definitions/validate', { cookie: api.cookies.designer, raw: '{"a":{"b\\u0000":1}}' });
    expect(nul.status).toBe(422);
    expect(nul.body.issues[0].message).toBe('不能包含空字符（U+0000）');
  });

  it('health, readiness (DB + Temporal), Prometheus metrics by route, and the OpenAPI 3.1 document', async () => {
    expect((await call(api.stack.url, 'GET', '/healthz')).status).toBe(200);
    const ready = await call(api.stack.url, 'GET', '/readyz');
    expect(ready.body).toEqual({ status: 'ready', db: true, temporal: true });
    const metrics = await call(api.stack.url, 'GET', '/metrics');
    expect(String(metrics.body)).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/auth\/login"/);
    const doc = await call(api.stack.url, 'GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/inbox', '/api/tasks/{caseId}/{taskId}/complete']));
    expect((await call(api.stack.url, 'GET', '/api/docs/')).status).toBe(200);
  });

  it('the codec endpoint lets the operations role read an encrypted payload, with CORS for the Temporal Web UI; an admin and others are refused', async () => {
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"张三"').toString('base64') };
    const enc = await call(api.stack.url, 'POST', '/api/codec/encode', { cookie: api.cookies.ops, body: { payloads: [plain] } });
    expect(enc.status).toBe(200);
    expect(Buffer.from(enc.body.payloads[0].data, 'base64').toString()).not.toContain('张三');
    const dec = await call(api.stack.url, 'POST', '/api/codec/decode', { cookie: api.cookies.ops, body: enc.body });
    expect(Buffer.from(dec.body.payloads[0].data, 'base64').toString()).toBe('"张三"');
    expect((await call(api.stack.url, 'POST', '/api/codec/decode', { cookie: api.cookies.admin, body: enc.body })).status).toBe(403);
    expect((await call(api.stack.url, 'POST', '/api/codec/decode', { cookie: api.cookies.clerk1, body: enc.body })).status).toBe(403);
    expect((await call(api.stack.url, 'POST', '/api/codec/decode', { body: enc.body })).status).toBe(401);
    const pre = await fetch(`${api.stack.url}/api/codec/decode`, { method: 'OPTIONS', headers: { origin: 'http://localhost:8233', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('serves the web app at / with an SPA fallback, while unknown /api paths stay JSON 404s', async () => {
    const root = await fetch(`${api.stack.url}/`);
    expect(root.headers.get('content-type')).toMatch(/text\/html/);
    expect(await root.text()).toContain('基层流程');
    const deep = await fetch(`${api.stack.url}/inbox/some-case`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const asset = await fetch(`${api.stack.url}/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    // Hashed build output is cached for good; the page itself is revalidated (a new build shows at once).
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(root.headers.get('cache-control')).toBe('no-cache');
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const api404 = await call(api.stack.url, 'GET', '/api/nothing-here', { cookie: api.cookies.admin });
    expect(api404.status).toBe(404);
    expect(api404.body.code).toBe('NOT_FOUND');
  });
});
