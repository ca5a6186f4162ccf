/**
 * Deny by default: every route must appear here with who may call it and how its org scope is
 * checked. A route without a rule answers 403 (and the authorization test fails).
 *
 * access: `public` (no session), `session` (any signed-in user), or capabilities (any of them).
 * scope:  `none`; `case` (the case's org path must meet the user's grants, or the user is involved);
 *         `body-org` (body.orgUnit must lie in the user's scope); `filtered` (the handler narrows
 *         results to the user's scope).
 */
import type { Capability } from './roles.js';

export type Access = 'public' | 'session' | readonly Capability[];
export type Scope = 'none' | 'case' | 'body-org' | 'filtered';
export interface RouteRule {
  access: Access;
  scope: Scope;
}

const pub: RouteRule = { access: 'public', scope: 'none' };
const session: RouteRule = { access: 'session', scope: 'none' };
const staffCase: RouteRule = { access: ['inbox'], scope: 'case' };
/** Staff of the case's units, and citizens who take part in the case (the engine checks what each may do). */
const caseParticipant: RouteRule = { access: ['inbox', 'participant'], scope: 'case' };
const participant = ['inbox', 'participant'] as const;
const designer: RouteRule = { access: ['designer'], scope: 'none' };
const admin: RouteRule = { access: ['admin'], scope: 'none' };
const monitor: RouteRule = { access: ['monitor'], scope: 'filtered' };

const TASK_OPS = ['claim', 'unclaim', 'complete', 'return', 'transfer', 'delegate', 'add-signer', 'remove-signer', 'take-back', 'comment', 'urge', 'tally', 'confirm-tally', 'ballot', 'close-ballot'];
const CASE_OPS = ['withdraw', 'suspend', 'resume', 'terminate', 'extend', 'escalate', 'urge', 'objections', 'resolve-incident'];

export const ROUTE_RULES: Record<string, RouteRule> = {
  // operations
  'GET /healthz': pub,
  'GET /readyz': pub,
  'GET /metrics': pub,
  'GET /api/openapi.json': pub,
  // Browsers send CSP violation reports without credentials.
  'POST /api/csp-report': pub,
  'POST /api/codec/encode': { access: ['ops'], scope: 'none' },
  'POST /api/codec/decode': { access: ['ops'], scope: 'none' },
  // accounts
  'POST /api/auth/login': pub,
  'POST /api/auth/logout': session,
  'GET /api/auth/me': session,
  'POST /api/auth/password': session,
  // org & users
  'GET /api/org/units': session,
  'POST /api/org/units': admin,
  'PATCH /api/org/units/:id': admin,
  'GET /api/roles': session,
  // The directory of staff and citizens: never for citizens.
  'GET /api/users': { access: ['admin', 'inbox'], scope: 'none' },
  'POST /api/users': admin,
  'PATCH /api/users/:id': admin,
  'PUT /api/users/:id/grants': admin,
  // definitions: reading published versions is for everyone who starts cases; editing is the designer's
  'GET /api/definitions': { access: [...participant, 'designer'], scope: 'none' },
  'POST /api/definitions': designer,
  'GET /api/definitions/startable': { access: participant, scope: 'filtered' },
  'GET /api/definitions/:key/versions': { access: [...participant, 'designer'], scope: 'none' },
  'GET /api/definitions/:key/versions/:version': { access: [...participant, 'designer'], scope: 'none' },
  'GET /api/definitions/:key/versions/:version/export': designer,
  'GET /api/definitions/:key/draft': designer,
  'PUT /api/definitions/:key/draft': designer,
  'POST /api/definitions/validate': designer,
  'POST /api/definitions/:key/publish': designer,
  'GET /api/definitions/:key/diff': designer,
  'POST /api/definitions/import': designer,
  // migration of running cases: the 流程管理员's; the handler narrows to cases in their units (the engine checks again)
  'POST /api/definitions/:key/migrations/preview': { access: ['designer'], scope: 'filtered' },
  'POST /api/definitions/:key/migrations/apply': { access: ['designer'], scope: 'filtered' },
  'GET /api/definitions/:key/migrations': designer,
  // 试运行: the 流程管理员's sandbox, in a unit of their scope; each play is its starter's only (play-service.ts)
  'POST /api/play': { access: ['designer'], scope: 'body-org' },
  'GET /api/play/:playId': designer,
  'POST /api/play/:playId/act': designer,
  'POST /api/play/:playId/advance': designer,
  'DELETE /api/play/:playId': designer,
  // cases
  // Starting needs a starter role of the procedure (definition.starterRoles) for that unit: checked by the handler.
  'POST /api/cases': { access: participant, scope: 'body-org' },
  'GET /api/cases': { access: participant, scope: 'filtered' },
  'GET /api/cases/:caseId': caseParticipant,
  'GET /api/cases/:caseId/events': caseParticipant,
  ...Object.fromEntries(CASE_OPS.map((op) => [`POST /api/cases/:caseId/${op}`, caseParticipant])),
  'POST /api/cases/:caseId/cc': staffCase,
  'GET /api/cases/:caseId/tasks/:taskId/eligible-users': staffCase,
  // inbox & tasks
  'GET /api/inbox': { access: participant, scope: 'filtered' },
  'GET /api/tasks/:caseId/:taskId': caseParticipant,
  ...Object.fromEntries(TASK_OPS.map((op) => [`POST /api/tasks/:caseId/:taskId/${op}`, caseParticipant])),
  // monitor
  'GET /api/monitor/board': monitor,
  'GET /api/monitor/overdue': monitor,
  'GET /api/monitor/stuck': monitor,
  'GET /api/monitor/process/:key': monitor,
  'GET /api/monitor/charts': monitor,
  'POST /api/monitor/bulk/preview': monitor,
  'POST /api/monitor/bulk/apply': monitor,
  'POST /api/monitor/bulk/people': monitor,
  // reports
  'GET /api/reports/cases': monitor,
  'GET /api/reports/cases/export': monitor,
  // the read model
  'GET /api/ops/projection': admin,
  'POST /api/ops/projection/reconcile': admin,
  // statutory cadences, village warning lights, reporting lapses (issue 17; handlers narrow to the user's villages)
  'GET /api/monitor/cadences': monitor,
  'POST /api/monitor/cadences/sync': monitor,
  'POST /api/monitor/cadences/:scheduleId/pause': monitor,
  'POST /api/monitor/cadences/:scheduleId/resume': monitor,
  'POST /api/monitor/cadences/:scheduleId/trigger': monitor,
  'GET /api/monitor/village-lights': monitor,
  'GET /api/monitor/reporting-lapses': monitor,
  // 委托规则 (out of office): staff set their own; the handler checks the stand-in is a colleague
  'GET /api/delegations': { access: ['inbox'], scope: 'none' },
  'POST /api/delegations': { access: ['inbox'], scope: 'none' },
  'DELETE /api/delegations/:id': { access: ['inbox'], scope: 'none' },
  'GET /api/delegations/candidates': { access: ['inbox'], scope: 'none' },
  // notifications
  'GET /api/notifications': session,
  'POST /api/notifications/:id/read': session,
  'GET /api/notifications/groups': session,
  'POST /api/notifications/read-all': session,
  'GET /api/me/notification-settings': session,
  'PUT /api/me/notification-settings': session,
  // documents of a case (issue 18): whoever may read the case, masked as its data
  'GET /api/cases/:caseId/documents': caseParticipant,
  'GET /api/cases/:caseId/documents/:documentId': caseParticipant,
  'GET /api/cases/:caseId/documents/:documentId/html': caseParticipant,
  'GET /api/cases/:caseId/documents/:documentId/pdf': caseParticipant,
  // the print page's stylesheet and script: no data
  'GET /api/documents/print.css': pub,
  'GET /api/documents/print.js': pub,
};

/** Routes outside /api served to browsers (docs, the web app): public by nature. */
export function isPublicAsset(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (url.startsWith('/api/docs')) return true;
  return !url.startsWith('/api/') && !['/healthz', '/readyz', '/metrics'].includes(url);
}

export function ruleFor(method: string, routeUrl: string): RouteRule | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return ROUTE_RULES[`${m} ${routeUrl}`] ?? (isPublicAsset(m, routeUrl) ? pub : undefined);
}
