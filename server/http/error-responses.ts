/**
 * Which error statuses a route can answer, added to its OpenAPI `response:` (one shared error body):
 * derived from its authorization rule (401/403), its inputs (400/413/415/422), whether it names a
 * resource (404), changes state (409) or reads a case from Temporal (503); any request may be 431
 * (headers or query string over Node's 16 KB limit). A route may add more
 * through `schema.response` itself (e.g. 423 on login).
 */
import type { RouteRule } from '../auth/route-rules.js';

const TEMPORAL_PREFIXES = ['/api/cases', '/api/tasks', '/api/inbox', '/api/monitor'];

export function errorStatusesOf(method: string, url: string, rule: RouteRule | undefined, hasInput: boolean): number[] {
  if (!url.startsWith('/api/')) return [];
  const out = new Set<number>();
  const isPublic = rule?.access === 'public';
  if (!isPublic) {
    out.add(401);
    out.add(403);
  }
  const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  if (withBody) {
    out.add(400);
    out.add(413);
    out.add(415);
  }
  if (withBody || hasInput) {
    out.add(400);
    out.add(422);
  }
  // Headers or a query string over Node's 16 KB limit are refused before routing (clientErrorHandler).
  out.add(431);
  // A path parameter longer than the router accepts (maxParamLength) is 414 URI Too Long.
  if (url.includes(':')) out.add(414);
  if (!isPublic && url !== '/api/auth/me' && url !== '/api/roles' && url !== '/api/org/units') out.add(404);
  if (withBody && !url.startsWith('/api/auth/') && !url.startsWith('/api/codec/')) out.add(409);
  if (TEMPORAL_PREFIXES.some((p) => url.startsWith(p))) out.add(503);
  return [...out].sort();
}
