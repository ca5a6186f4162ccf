/** Login, logout, me, password change. Lockout after 5 failures for 15 minutes (423). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { ApiError, notAuthenticated, validation } from '../errors.js';
import { afterFailure, hashPassword, verifyPassword } from '../auth/passwords.js';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_HOURS } from '../auth/sessions.js';
import { credentialsByUsername, getUser, passwordHashOf, recordLoginResult, updateUser } from '../users/users-repo.js';
import { makePrincipal, type Principal } from '../auth/principal.js';
import { requirePrincipal } from '../auth/guard.js';
import { ErrorSchema, LoginBody, LoginResponse, MeSchema, NoContent, PasswordBody } from '../../api/index.js';

export function meOf(p: Principal) {
  return { id: p.id, username: p.username, name: p.name, grants: p.grants, capabilities: p.capabilities };
}

const bad = () => new ApiError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');

export const authRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: LoginBody,
        response: { 200: LoginResponse, 401: ErrorSchema, 423: ErrorSchema },
      },
    },
    async (req, reply) => {
      const cred = await credentialsByUsername(ctx.db, req.body.username);
      if (!cred || cred.disabled) {
        await hashPassword(req.body.password); // same cost whether or not the user exists
        throw bad();
      }
      const now = new Date();
      if (cred.lockedUntil && cred.lockedUntil > now) {
        throw new ApiError(423, 'ACCOUNT_LOCKED', `密码错误次数过多，账户已锁定，请于 ${cred.lockedUntil.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 后再试`);
      }
      if (!(await verifyPassword(cred.passwordHash, req.body.password))) {
        const next = afterFailure(cred.failedAttempts, now);
        await recordLoginResult(ctx.db, cred.id, next.failedAttempts, next.lockedUntil);
        if (next.lockedUntil) throw new ApiError(423, 'ACCOUNT_LOCKED', '密码错误次数过多，账户已锁定 15 分钟');
        throw bad();
      }
      await recordLoginResult(ctx.db, cred.id, 0, null);
      const token = await createSession(ctx.db, cred.id, req.cookies[SESSION_COOKIE]);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: SESSION_HOURS * 3600 });
      const user = await getUser(ctx.db, cred.id);
      return { user: meOf(makePrincipal(user!, ctx.org.tree)) };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 204: NoContent } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deleteSession(ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeSchema } } }, async (req) => meOf(requirePrincipal(req)));

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: PasswordBody,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const stored = await passwordHashOf(ctx.db, p.id);
      if (!stored) throw notAuthenticated();
      if (!(await verifyPassword(stored, req.body.current))) throw validation([{ path: ['current'], message: '当前密码不正确' }]);
      await updateUser(ctx.db, p.id, { passwordHash: await hashPassword(req.body.next) });
      return reply.code(204).send(null);
    },
  );
};
