/** In-app notifications with the unread count. */
import { z } from 'zod';
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { notFound } from '../errors.js';
import { NoContent, NotificationsQuery, NotificationsResponse } from '../../api/index.js';

const iso = (v: unknown) => (v ? (v instanceof Date ? v : new Date(String(v))).toISOString() : null);

export const notificationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    ROUTES.notifications.path,
    { schema: { tags: ['notifications'], summary: '站内通知', querystring: NotificationsQuery,
        response: { 200: NotificationsResponse },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const rows = await ctx.db.query<Record<string, unknown>>(
        `SELECT id, kind, title, message, case_id, task_id, created_at, read_at FROM notifications
         WHERE user_id = $1 ${req.query.unread === 'true' ? 'AND read_at IS NULL' : ''} ORDER BY created_at DESC, id DESC LIMIT $2`,
        [p.id, req.query.limit],
      );
      const unread = await ctx.db.query<{ n: number | string }>('SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [p.id]);
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          kind: String(r.kind),
          title: String(r.title),
          message: String(r.message),
          caseId: (r.case_id as string | null) ?? null,
          taskId: (r.task_id as string | null) ?? null,
          createdAt: iso(r.created_at) ?? '',
          readAt: iso(r.read_at),
        })),
        unread: Number(unread[0]?.n ?? 0),
      };
    },
  );

  app.post(
    ROUTES.markRead.path,
    { schema: { tags: ['notifications'], summary: '标为已读', params: z.object({ id: z.string().regex(/^\d{1,18}$/) }), response: { 204: NoContent } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const rows = await ctx.db.query('UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id', [req.params.id, p.id]);
      if (rows.length === 0) throw notFound('该通知');
      return reply.code(204).send(null);
    },
  );
};
