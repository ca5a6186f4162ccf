/** 待办 / 已办 / 抄送 / 我发起的, from the read model (server/projection): filtered, sorted, paged. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { IdSchema } from '../../dsl/schema.js';
import { inboxPage } from '../projection/inbox-query.js';
import { InboxItemSchema, PageSize, SearchText, UnitId } from './shapes.js';

export const inboxRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: '我的待办 / 已办 / 抄送 / 我发起的',
        description: '待办默认按期限升序，已办按办理时间倒序，抄送、我发起的按时间倒序；用 cursor 取下一页。',
        querystring: z.object({
          tab: z.enum(['todo', 'done', 'cc', 'mine']).default('todo'),
          procedure: IdSchema.optional(),
          orgUnit: UnitId.optional(),
          due: z.enum(['overdue', 'today', 'week']).optional(),
          q: SearchText.optional(),
          sort: z.enum(['due', 'created', 'completed']).optional(),
          order: z.enum(['asc', 'desc']).optional(),
          pageSize: PageSize,
          cursor: z.string().max(1000).optional(),
        }),
        response: { 200: z.object({ items: z.array(InboxItemSchema), nextCursor: z.string().nullable(), total: z.number() }) },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      if (req.query.orgUnit && !ctx.org.tree.get(req.query.orgUnit)) return { items: [], nextCursor: null, total: 0 };
      return inboxPage(ctx, p, req.query);
    },
  );
};
