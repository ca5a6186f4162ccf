/** 待办 / 已办 / 抄送 / 我发起的, from the read model (server/projection): filtered, sorted, paged. */
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { inboxPage } from '../projection/inbox-query.js';
import { InboxQuery, InboxResponse } from '../../api/index.js';

export const inboxRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    ROUTES.inbox.path,
    {
      schema: {
        tags: ['inbox'],
        summary: '我的待办 / 已办 / 抄送 / 我发起的',
        description: '待办默认按期限升序，已办按办理时间倒序，抄送、我发起的按时间倒序；用 cursor 取下一页。',
        querystring: InboxQuery,
        response: { 200: InboxResponse },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      if (req.query.orgUnit && !ctx.org.tree.get(req.query.orgUnit)) return { items: [], nextCursor: null, total: 0 };
      return inboxPage(ctx, p, req.query);
    },
  );
};
