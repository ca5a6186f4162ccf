/** Task detail with its form, and every task operation of the engine (one update each). */
import { z } from 'zod';
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';
import { notFound } from '../errors.js';
import * as M from '../../workflows/messages.js';
import type { UpdateSpec } from '../../workflows/messages/updates.js';
import type { CaseState } from '../../workflows/types.js';
import { rawState, runUpdate, visibleState } from '../cases/case-service.js';
import { castBallot } from '../votes/secret-ballot.js';
import { eligibleUsers, requireTaskEligible } from '../cases/hand-over.js';
import { recordSubject } from '../cases/case-parties.js';
import { taskViewer } from '../cases/task-viewer.js';
import { EligibleUsersQuery, EligibleUsersResponse, StateResponse, TaskDetailSchema, TaskParams } from '../../api/index.js';
import type { AppContext as Ctx } from '../context.js';

const Params = TaskParams;

export function summaryOfState(ctx: Ctx, s: CaseState, procedureTitle?: string) {
  return {
    caseId: s.caseId,
    title: s.title,
    procedure: s.definitionKey,
    procedureTitle,
    version: s.definitionVersion,
    orgUnit: s.org.unit,
    orgUnitName: ctx.org.tree.name(s.org.unit),
    status: s.status,
    health: s.health,
    stage: s.currentNodes.map((n) => n.name).join('、') || null,
    nextDueAt: s.nextDueAt ?? null,
    startedAt: s.startedAt,
    initiator: s.initiator,
  };
}

/**
 * Update validators cannot look users up: the API checks that transfer/delegate/add-signer targets
 * are real, active users who may work on this task (auth/eligibility.ts).
 */
async function requireEligibleTargets(ctx: Ctx, caseId: string, taskId: string, body: { toUserId?: string; userIds?: string[] } | undefined): Promise<Map<string, string>> {
  const ids = [
    ...(body?.toUserId ? [{ id: body.toUserId, path: ['toUserId'] }] : []),
    ...(body?.userIds ?? []).map((id, i) => ({ id, path: ['userIds', i] })),
  ];
  if (ids.length === 0) return new Map();
  return requireTaskEligible(ctx, await rawState(ctx, caseId), taskId, ids);
}

export const taskRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(ROUTES.task.path, {
      schema: {
        tags: ['tasks'],
        summary: '待办详情（含表单）',
        params: Params,
        response: { 200: TaskDetailSchema },
      },
    }, async (req) => {
    const p = requirePrincipal(req);
    const { state, definition } = await visibleState(ctx, p, await rawState(ctx, req.params.caseId));
    const task = state.tasks.find((t) => t.id === req.params.taskId);
    if (!task) throw notFound('该任务');
    const node = definition.nodes.find((n) => n.id === task.nodeId);
    if (!node) throw notFound('该任务的环节');
    const viewer = await taskViewer(ctx, p, state, definition, task);
    const formKeys = 'form' in node ? node.form : [];
    const fields = formKeys.map((k) => definition.fields.find((f) => f.key === k)).filter((f) => f !== undefined);
    return {
      task,
      node,
      fields,
      case: summaryOfState(ctx, state, definition.title),
      data: state.data,
      timeline: state.timeline,
      // A node met again (a reconvened meeting, a second 公示) has one entry per visit: the latest is this task's.
      vote: state.votes.findLast((v) => v.nodeId === task.nodeId),
      publicity: state.publicity.findLast((pb) => pb.nodeId === task.nodeId),
      viewer,
    };
  });

  // One route per task update of the table (workflows/messages/updates.ts), at its slug. An update
  // that finishes the actor's part of the task is written to 已办 under the slug; one that hands the
  // task over is checked for eligible people first. 投票 is written out below (the ballot box).
  for (const name of M.UPDATE_NAMES) {
    const spec: UpdateSpec = M.UPDATES[name];
    const slug = spec.http.task;
    if (!slug || spec.http.byHand) continue;
    app.post(
      `/api/tasks/:caseId/:taskId/${slug}`,
      { schema: { tags: ['tasks'], summary: spec.label.zh, params: Params, body: spec.args.omit({ actor: true, taskId: true }), response: { 200: StateResponse } } },
      async (req) => {
        const p = requirePrincipal(req);
        const body = { ...((req.body as Record<string, unknown> | undefined) ?? {}) };
        if (spec.handsOver) {
          const names = await requireEligibleTargets(ctx, req.params.caseId, req.params.taskId, body as { toUserId?: string; userIds?: string[] });
          // The timeline says to whom by name: the directory's, never what a client claims.
          if (typeof body.toUserId === 'string') body.toName = names.get(body.toUserId);
        } else delete body.toName;
        const args = { ...body, taskId: req.params.taskId, actor: actorOf(p) };
        const s = await runUpdate(ctx, p, req.params.caseId, M.UPDATE_DEFS[name], args as never, spec.finishesTask ? { operation: slug, taskId: req.params.taskId } : undefined, req.params.taskId);
        const visible = await visibleState(ctx, p, s);
        // A form may name the citizen the case is about (the 信访人's account): they follow it from now on.
        if (name === 'complete') await recordSubject(ctx, visible.definition, s.caseId, s.data);
        return { state: visible.state };
      },
    );
  }

  // Not a plain update: a secret ballot goes into the ballot box, and the case hears only "voted".
  app.post(
    `/api/tasks/:caseId/:taskId/${M.UPDATES.castBallot.http.task}`,
    { schema: { tags: ['tasks'], summary: M.UPDATES.castBallot.label.zh, params: Params, body: M.CastBallotArgs.omit({ actor: true, taskId: true }), response: { 200: StateResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const s = await castBallot(ctx, p, req.params.caseId, req.params.taskId, req.body.choice);
      return { state: (await visibleState(ctx, p, s)).state };
    },
  );

  app.get(
    ROUTES.eligibleUsers.path,
    {
      schema: {
        tags: ['tasks'],
        summary: '可转办/委托/加签的人员',
        description: '本案件所属单位及其上下级单位中，持有可办理该环节角色的在岗人员（不含本人和当前办理人）。',
        params: Params,
        querystring: EligibleUsersQuery,
        response: { 200: EligibleUsersResponse },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      return { items: await eligibleUsers(ctx, await rawState(ctx, req.params.caseId), req.params.taskId, req.query.for, p.id) };
    },
  );
};
