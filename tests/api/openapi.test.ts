/**
 * The OpenAPI document describes every answer a route can give: its success body and the shared
 * error body for each error status (schemathesis checks real answers against it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import type { AppContext } from '../../server/context.js';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

let app: FastifyInstance;
let doc: Doc;
beforeAll(async () => {
  // Building the app and its document needs no database or Temporal (handlers are not called).
  ({ app } = await buildApp({ log: console } as unknown as AppContext, { logLevel: 'silent' }));
  doc = app.swagger() as unknown as Doc;
});
afterAll(async () => {
  await app?.close();
});

describe('OpenAPI document', () => {
  it('every operation documents a success answer with its body (or 204 without one)', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
        // An event stream (text/event-stream, read with EventSource) is described in its summary: the zod type provider cannot describe a non-JSON answer.
        if (path.endsWith('/events') && /Server-Sent Events/.test(String((op as { summary?: string }).summary))) continue;
        if (ok.length === 0 || ok.some(([s, r]) => s !== '204' && !r.content?.['application/json']?.schema)) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('signed-in routes document 401 and 403, case routes 404 and 503, routes with a body 413 and 422 — all with {code, message}', () => {
    const detail = doc.paths['/api/cases/{caseId}']!.get!.responses;
    expect(Object.keys(detail)).toEqual(expect.arrayContaining(['200', '401', '403', '404', '503']));
    const complete = doc.paths['/api/tasks/{caseId}/{taskId}/complete']!.post!.responses;
    expect(Object.keys(complete)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '413', '414', '415', '422', '503']));
    const error = complete['409']!.content!['application/json']!.schema as { properties: Record<string, unknown>; required: string[] };
    expect(error.required).toEqual(['code', 'message']);
    const login = doc.paths['/api/auth/login']!.post!.responses;
    expect(Object.keys(login)).toEqual(expect.arrayContaining(['200', '401', '422', '423']));
    expect(Object.keys(login)).not.toContain('403');
  });

  it('a request whose query string is over 16 KB is answered 431 with {code, message} in Chinese, and every API route documents 431', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/cases?q=${'村'.repeat(3000)}`);
    expect(res.status).toBe(431);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('HEADER_TOO_LARGE');
    expect(body.message).toContain('过长');
    expect(Object.keys(doc.paths['/api/cases']!.get!.responses)).toContain('431');
    expect(Object.keys(doc.paths['/api/auth/login']!.post!.responses)).toContain('431');
  });
});
