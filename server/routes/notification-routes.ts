/** In-app notifications (grouped by case, read one / all), and each user's channel settings. */
import { z } from 'zod';
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { notFound, validation } from '../errors.js';
import {
  MarkAllReadBody,
  MarkAllReadResponse,
  NoContent,
  NotificationGroupsQuery,
  NotificationGroupsResponse,
  NotificationSettingsBody,
  NotificationSettingsResponse,
  NotificationsQuery,
  NotificationsResponse,
  type NotificationItem,
  type NotificationSettingsView,
} from '../../api/index.js';
import { CHANNEL_CONTACT, type NotifyChannel } from '../../dsl/notify-channels.js';
import { saveSettings, settingsOf, type NotificationSettings } from '../../db/notification-settings.js';
import type { Queryable } from '../../db/adapter.js';

const iso = (v: unknown) => (v ? (v instanceof Date ? v : new Date(String(v))).toISOString() : null);

function item(r: Record<string, unknown>): NotificationItem {
  return {
    id: String(r.id),
    kind: String(r.kind),
    title: String(r.title),
    message: String(r.message),
    caseId: (r.case_id as string | null) ?? null,
    taskId: (r.task_id as string | null) ?? null,
    createdAt: iso(r.created_at) ?? '',
    readAt: iso(r.read_at),
  };
}

const unreadOf = async (db: Queryable, userId: string) =>
  Number((await db.query<{ n: number | string }>('SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]))[0]?.n ?? 0);

/** A notification written before titles were kept apart: "新待办：径山村道路硬化" → the part after the first colon. */
const titleFromNotice = (title: string) => title.slice(title.indexOf('：') + 1) || title;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const CONTACT_LABEL: Record<NonNullable<(typeof CHANNEL_CONTACT)[NotifyChannel]>, string> = {
  mobile: '手机号',
  email: '电子邮箱',
  dingtalkUserId: '钉钉用户ID',
  wecomUserId: '企业微信用户ID',
};
const CHANNEL_LABEL: Record<NotifyChannel, string> = {
  dingtalkRobot: '钉钉群机器人',
  dingtalkWork: '钉钉工作通知',
  wecomRobot: '企业微信群机器人',
  wecomApp: '企业微信应用消息',
  sms: '短信',
  email: '电子邮件',
};

function view(s: NotificationSettings | undefined, available: ReadonlySet<NotifyChannel>): NotificationSettingsView {
  return {
    channels: s?.channels ?? [],
    quietHours: s?.quiet ? { start: hhmm(s.quiet.start), end: hhmm(s.quiet.end) } : null,
    mobile: s?.mobile ?? null,
    email: s?.email ?? null,
    dingtalkUserId: s?.dingtalkUserId ?? null,
    wecomUserId: s?.wecomUserId ?? null,
    available: [...available],
  };
}

export const notificationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    ROUTES.notifications.path,
    { schema: { tags: ['notifications'], summary: '站内通知', querystring: NotificationsQuery, response: { 200: NotificationsResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const params: unknown[] = [p.id, req.query.limit];
      const where = ['user_id = $1'];
      if (req.query.unread === 'true') where.push('read_at IS NULL');
      if (req.query.caseId) where.push(`case_id = $${params.push(req.query.caseId)}`);
      const rows = await ctx.db.query<Record<string, unknown>>(
        `SELECT id, kind, title, message, case_id, task_id, created_at, read_at FROM notifications
         WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $2`,
        params,
      );
      return { items: rows.map(item), unread: await unreadOf(ctx.db, p.id) };
    },
  );

  app.get(
    ROUTES.notificationGroups.path,
    { schema: { tags: ['notifications'], summary: '站内通知（按案件分组）', querystring: NotificationGroupsQuery, response: { 200: NotificationGroupsResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      // Per case: counts, and its newest notification (DISTINCT ON), newest case first.
      const rows = await ctx.db.query<Record<string, unknown>>(
        `WITH g AS (
           SELECT case_id, count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread, max(created_at) AS latest_at
           FROM notifications WHERE user_id = $1 GROUP BY case_id),
         l AS (
           SELECT DISTINCT ON (case_id) case_id, id, kind, title, message, task_id, created_at, read_at, case_title
           FROM notifications WHERE user_id = $1 ORDER BY case_id, created_at DESC, id DESC)
         SELECT g.total, g.unread, g.latest_at, l.* FROM g JOIN l ON l.case_id IS NOT DISTINCT FROM g.case_id
         ORDER BY g.unread > 0 DESC, g.latest_at DESC LIMIT $2`,
        [p.id, req.query.limit],
      );
      return {
        groups: rows.map((r) => ({
          caseId: (r.case_id as string | null) ?? null,
          caseTitle: (r.case_title as string | null) ?? titleFromNotice(String(r.title)),
          unread: Number(r.unread),
          total: Number(r.total),
          latestAt: iso(r.latest_at) ?? '',
          latest: item(r),
        })),
        unread: await unreadOf(ctx.db, p.id),
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

  app.post(
    ROUTES.markAllRead.path,
    { schema: { tags: ['notifications'], summary: '全部标为已读（或某案件的全部）', body: MarkAllReadBody, response: { 200: MarkAllReadResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const rows = req.body.caseId
        ? await ctx.db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND case_id = $2 RETURNING id', [p.id, req.body.caseId])
        : await ctx.db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id', [p.id]);
      return { marked: rows.length, unread: await unreadOf(ctx.db, p.id) };
    },
  );

  app.get(
    ROUTES.notificationSettings.path,
    { schema: { tags: ['notifications'], summary: '我的通知设置（渠道、免打扰时段、联系方式）', response: { 200: NotificationSettingsResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      return view((await settingsOf(ctx.db, [p.id])).get(p.id), ctx.notifyChannels);
    },
  );

  app.put(
    ROUTES.saveNotificationSettings.path,
    { schema: { tags: ['notifications'], summary: '保存我的通知设置', body: NotificationSettingsBody, response: { 200: NotificationSettingsResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const b = req.body;
      const channels = [...new Set(b.channels)];
      const issues: { path: (string | number)[]; message: string }[] = [];
      channels.forEach((c, i) => {
        if (!ctx.notifyChannels.has(c)) issues.push({ path: ['channels', i], message: `本系统未配置${CHANNEL_LABEL[c]}，不能选择` });
        const contact = CHANNEL_CONTACT[c];
        if (contact && !b[contact]) issues.push({ path: [contact], message: `开启${CHANNEL_LABEL[c]}需填写${CONTACT_LABEL[contact]}` });
      });
      if (issues.length) throw validation(issues, issues[0]!.message);
      const settings: NotificationSettings = {
        userId: p.id,
        channels,
        ...(b.quietHours ? { quiet: { start: minutes(b.quietHours.start), end: minutes(b.quietHours.end) } } : {}),
        ...(b.mobile ? { mobile: b.mobile } : {}),
        ...(b.email ? { email: b.email } : {}),
        ...(b.dingtalkUserId ? { dingtalkUserId: b.dingtalkUserId } : {}),
        ...(b.wecomUserId ? { wecomUserId: b.wecomUserId } : {}),
      };
      await saveSettings(ctx.db, settings);
      return view(settings, ctx.notifyChannels);
    },
  );
};
