/** 委托规则 (out of office): list, set up and revoke one's own; who may stand in. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { CreateDelegationResponse, DelegationBody, DelegationsResponse, NoContent, PeopleResponse, RuleIdParams } from '../../api/index.js';
import { createRule, listRules, revokeRule, standInCandidates } from '../cases/delegation-service.js';

export const delegationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/delegations', { schema: { tags: ['delegations'], summary: '我的外出委托', response: { 200: DelegationsResponse } } }, async (req) =>
    listRules(ctx, requirePrincipal(req)),
  );

  app.get(
    '/api/delegations/candidates',
    { schema: { tags: ['delegations'], summary: '可代我办理的同事', description: '与本人在同一单位担任工作职务的在岗人员。', response: { 200: PeopleResponse } } },
    async (req) => ({ items: await standInCandidates(ctx, requirePrincipal(req)) }),
  );

  app.post(
    '/api/delegations',
    {
      schema: {
        tags: ['delegations'],
        summary: '设置外出委托',
        description: '在指定日期内（按北京时间整日计），到达本人的待办由代理人代为办理；可同时把当前待办逐件委托给代理人。',
        body: DelegationBody,
        response: { 201: CreateDelegationResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await createRule(ctx, requirePrincipal(req), req.body)),
  );

  app.delete('/api/delegations/:id', { schema: { tags: ['delegations'], summary: '撤销外出委托', params: RuleIdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await revokeRule(ctx, requirePrincipal(req), req.params.id);
    return reply.code(204).send(null);
  });
};
