/**
 * The authorization guard: resolves the session into a Principal, then enforces the route table
 * (auth/route-rules.ts). Org-scope checks that need the request body or the case run in
 * preValidation, once the body is parsed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { caseUnavailable, forbidden, notAuthenticated, notFound } from '../errors.js';
import { makePrincipal, caseInScope, type Principal } from './principal.js';
import { ruleFor, type RouteRule } from './route-rules.js';
import { SESSION_COOKIE, sessionUserRecord } from './sessions.js';
import { SA } from '../../workflows/search-attributes.js';
import { withTemporalRetry } from '../../temporal/retry.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    caseOrgPath?: string[];
  }
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw notAuthenticated();
  return req.principal;
}

async function loadPrincipal(ctx: AppContext, req: FastifyRequest): Promise<Principal | undefined> {
  const token = req.cookies?.[SESSION_COOKIE];
  if (!token) return undefined;
  const user = await sessionUserRecord(ctx.db, token);
  if (!user || user.disabled) return undefined;
  return makePrincipal(user, ctx.org.tree);
}

/**
 * A case's org path never changes once started: remembered per case (bounded), so a user in scope
 * (the common case: a clerk of the village, a township supervisor) passes without a describe call.
 */
const orgPaths = new WeakMap<AppContext, Map<string, string[]>>();
const ORG_PATH_CACHE_MAX = 20_000;

function orgPathCache(ctx: AppContext): Map<string, string[]> {
  let m = orgPaths.get(ctx);
  if (!m) orgPaths.set(ctx, (m = new Map()));
  return m;
}

/**
 * Whether the user may see this case: in org scope, or personally involved in it (started it, may
 * act on it now, acted on it, was sent a copy). Read from the read model; a case not in it yet
 * (started a moment ago) is looked up in Temporal, whose visibility keeps the org path.
 */
export async function checkCaseAccess(ctx: AppContext, p: Principal, caseId: string): Promise<string[]> {
  const cache = orgPathCache(ctx);
  const known = cache.get(caseId);
  if (known && caseInScope(p, known)) return known;
  const [row] = await ctx.db.query<{ org_units: string[]; initiator: string; involved: boolean }>(
    `SELECT c.org_units, c.initiator,
       EXISTS (SELECT 1 FROM proj_tasks t WHERE t.case_id = c.case_id AND t.status IN ('open', 'claimed') AND (t.actors && $2::text[] OR t.roles && $3::text[])) AS involved
     FROM proj_cases c WHERE c.case_id = $1`,
    [caseId, [p.id], p.grantKeys],
  );
  if (row) {
    if (cache.size >= ORG_PATH_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(caseId, row.org_units);
    if (caseInScope(p, row.org_units) || row.initiator === p.id || row.involved || (await actedOn(ctx, p, caseId))) return row.org_units;
    throw forbidden('该案件不在您的管辖范围内');
  }
  let desc;
  try {
    desc = await withTemporalRetry(() => ctx.temporal.client.workflow.getHandle(caseId).describe());
  } catch (err) {
    if ((err as Error)?.name === 'WorkflowNotFoundError' || /not found/i.test(String((err as Error)?.message))) throw notFound('该案件');
    // gRPC INVALID_ARGUMENT: not a workflow id Temporal accepts, so no such case.
    if ((err as { code?: number })?.code === 3) throw notFound('该案件');
    ctx.log.warn({ err, caseId }, 'describe failed');
    throw caseUnavailable();
  }
  if (desc.type !== 'caseWorkflow') throw notFound('该案件');
  const sa = desc.typedSearchAttributes;
  const orgPath = sa.get(SA.orgPath) ?? [];
  if (orgPath.length > 0) {
    if (cache.size >= ORG_PATH_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(caseId, orgPath);
  }
  if (caseInScope(p, orgPath)) return orgPath;
  // A case that predates the read model (the reconciler writes it): what its visibility still says.
  const assignees = sa.get(SA.assignees) ?? [];
  const candidates = sa.get(SA.candidateRoles) ?? [];
  if (sa.get(SA.initiator) === p.id || assignees.includes(p.id) || candidates.some((c) => p.grantKeys.includes(c))) return orgPath;
  if (await actedOn(ctx, p, caseId)) return orgPath;
  throw forbidden('该案件不在您的管辖范围内');
}

/** The user did something on the case (已办, the timeline) or was sent a copy (抄送). */
async function actedOn(ctx: AppContext, p: Principal, caseId: string): Promise<boolean> {
  const rows = await ctx.db.query(
    `SELECT 1 FROM task_history WHERE user_id = $1 AND case_id = $2
     UNION ALL SELECT 1 FROM cc WHERE user_id = $1 AND case_id = $2
     UNION ALL SELECT 1 FROM proj_timeline WHERE actor = $1 AND case_id = $2 AND task_id IS NOT NULL
     UNION ALL SELECT 1 FROM case_parties WHERE user_id = $1 AND case_id = $2 LIMIT 1`,
    [p.id, caseId],
  );
  return rows.length > 0;
}

export function ruleOf(req: FastifyRequest): RouteRule | undefined {
  const url = req.routeOptions.url;
  if (!url) return undefined;
  return ruleFor(req.method, url);
}

export function registerGuard(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    if (!url) return; // not-found handler answers
    const rule = ruleFor(req.method, url);
    if (!rule) {
      req.log.warn({ route: `${req.method} ${url}` }, 'route without an authorization rule: denied');
      throw forbidden('该接口未配置访问规则');
    }
    if (rule.access === 'public' && !url.startsWith('/api/auth/')) return;
    req.principal = await loadPrincipal(ctx, req);
    if (rule.access === 'public') return;
    if (!req.principal) throw notAuthenticated();
    if (rule.access === 'session') return;
    const caps = req.principal.capabilities;
    if (!rule.access.some((c) => caps.includes(c))) throw forbidden();
  });

  // Scope checks run before body validation: a user outside the scope learns nothing about the route's input rules.
  app.addHook('preValidation', async (req) => {
    const rule = ruleOf(req);
    if (!rule || !req.principal) return;
    switch (rule.scope) {
      case 'none':
      case 'filtered':
        return;
      case 'body-org': {
        const unit = (req.body as { orgUnit?: unknown } | undefined)?.orgUnit;
        if (typeof unit !== 'string') return; // validation answers 422
        if (!ctx.org.tree.get(unit)) throw notFound('该组织单位');
        // Within some grant's units (a citizen's too: a procedure may name 村民 as starters); which
        // role may start which procedure is the handler's check (cases/starters.ts).
        if (!req.principal.grants.some((g) => ctx.org.tree.isWithin(unit, g.orgUnit))) throw forbidden('不能在管辖范围以外的单位发起案件');
        return;
      }
      case 'case': {
        const caseId = (req.params as { caseId?: string }).caseId;
        if (!caseId) throw notFound('该案件');
        req.caseOrgPath = await checkCaseAccess(ctx, req.principal, caseId);
        return;
      }
      default: {
        const never: never = rule.scope;
        throw new Error(`unknown scope ${String(never)}`);
      }
    }
  });
}
