/**
 * Login, logout, me, password change. Attempts are counted atomically per account, per device and
 * per client address before any password is checked (server/auth/login-throttle.ts).
 */
import { z } from 'zod';
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { ApiError, notAuthenticated, validation } from '../errors.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/passwords.js';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_HOURS } from '../auth/sessions.js';
import {
  accountKey,
  addressKey,
  DEVICE_COOKIE,
  DEVICE_DAYS,
  deviceKey,
  deviceOwner,
  issueDevice,
  recordSuccess,
  reserveAccountAttempt,
  reserveAddressAttempt,
  revokeOtherAccess,
  touchDevice,
} from '../auth/login-throttle.js';
import { credentialsByUsername, getUser, passwordHashOf, updateUser } from '../users/users-repo.js';
import { makePrincipal, type Principal } from '../auth/principal.js';
import { requirePrincipal } from '../auth/guard.js';
import { ErrorSchema, LoginBody, LoginResponse, MeSchema, NoContent, PasswordBody } from '../../api/index.js';

export function meOf(p: Principal) {
  return { id: p.id, username: p.username, name: p.name, grants: p.grants, capabilities: p.capabilities };
}

const bad = () => new ApiError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
const shanghaiTime = (d: Date) => d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' });
/** The same answer for a locked existing account and a locked unknown name. */
const locked = (until: Date | null) =>
  new ApiError(423, 'ACCOUNT_LOCKED', `登录失败次数过多，该账户已暂时锁定${until ? `，请于 ${shanghaiTime(until)} 后再试` : ' 15 分钟'}（曾在本浏览器登录过该账户的不受影响）`);

/** Cookie settings: `Secure` when the deployment is served over HTTPS (JICENG_COOKIE_SECURE). */
export function cookieOptions(ctx: AppContext, maxAgeSeconds: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.cookieSecure, maxAge: maxAgeSeconds };
}

function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(ctx, SESSION_HOURS * 3600));
}

export const authRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post(
    ROUTES.login.path,
    {
      schema: {
        tags: ['auth'],
        summary: '登录',
        description: '同一账户 15 分钟内第 5 次尝试后暂停 15 分钟（423，曾登录过的浏览器凭设备 Cookie 不受影响）；同一地址失败 20 次后逐次加倍等待（429，Retry-After）。',
        body: LoginBody,
        response: { 200: LoginResponse, 401: ErrorSchema, 423: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const addrKey = addressKey(req.ip);
      const address = await reserveAddressAttempt(ctx.db, addrKey);
      if (address.refused) {
        const seconds = Math.max(1, Math.ceil(((address.lockedUntil?.getTime() ?? Date.now()) - Date.now()) / 1000));
        reply.header('retry-after', String(seconds));
        throw new ApiError(429, 'TOO_MANY_ATTEMPTS', `登录尝试过于频繁，请 ${seconds} 秒后再试`);
      }
      // A browser that signed in as this user before is counted on its own: a guesser's lock does not reach it.
      const deviceToken = req.cookies[DEVICE_COOKIE];
      const trustedDevice = deviceToken !== undefined && (await deviceOwner(ctx.db, deviceToken)) === username;
      const acctKey = trustedDevice ? deviceKey(deviceToken) : accountKey(username);
      const account = await reserveAccountAttempt(ctx.db, acctKey);
      if (account.refused) {
        await verifyAgainstDummy(password); // as long as a real check: a locked name looks like any other
        throw locked(account.lockedUntil);
      }
      const cred = await credentialsByUsername(ctx.db, username);
      const ok = cred && !cred.disabled ? await verifyPassword(cred.passwordHash, password) : await verifyAgainstDummy(password);
      if (!ok || !cred) {
        if (account.lockedUntil) throw locked(account.lockedUntil);
        throw bad();
      }
      await recordSuccess(ctx.db, acctKey, addrKey);
      const token = await createSession(ctx.db, cred.id, req.cookies[SESSION_COOKIE]);
      setSessionCookie(ctx, reply, token);
      if (trustedDevice) await touchDevice(ctx.db, deviceToken);
      else reply.setCookie(DEVICE_COOKIE, await issueDevice(ctx.db, cred.id), { ...cookieOptions(ctx, DEVICE_DAYS * 86_400), path: '/api/auth/' });
      const user = await getUser(ctx.db, cred.id);
      return { user: meOf(makePrincipal(user!, ctx.org.tree)) };
    },
  );

  app.post(ROUTES.logout.path, { schema: { tags: ['auth'], summary: '退出登录', response: { 204: NoContent } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deleteSession(ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get(ROUTES.me.path, { schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeSchema } } }, async (req) => meOf(requirePrincipal(req)));

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码（其他会话随即失效）',
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
      // Whoever else held a session (a stolen cookie, a forgotten shared computer) is signed out.
      await revokeOtherAccess(ctx.db, p, { sessionToken: req.cookies[SESSION_COOKIE], deviceToken: req.cookies[DEVICE_COOKIE] });
      return reply.code(204).send(null);
    },
  );
};
