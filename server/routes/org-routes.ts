/** Org tree, users, grants, role catalogue (writes: ADMIN). */
import { z } from 'zod';
import { nanoid } from 'nanoid';
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { ApiError, notFound, validation } from '../errors.js';
import { ROLE_CATALOGUE } from '../../dsl/roles.js';
import { OrgLevelSchema } from '../../dsl/org.js';
import { hashPassword } from '../auth/passwords.js';
import { revokeOtherAccess } from '../auth/login-throttle.js';
import { getUser, insertUser, listUsers, setGrants, updateUser } from '../users/users-repo.js';
import { RoleGrantSchema } from '../../workflows/types.js';
import { IdSchema } from '../../dsl/schema.js';
import { OrgUnitSchema, RoleInfoSchema, UnitId, UserSchema } from '../../api/index.js';

const LevelSchema = OrgLevelSchema;

export const orgRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const checkGrants = (grants: { role: string; orgUnit: string }[]) => {
    const issues = grants.flatMap((g, i) => [
      ...(ctx.org.tree.get(g.orgUnit) ? [] : [{ path: [i, 'orgUnit'], message: `组织单位 ${g.orgUnit} 不存在` }]),
      ...(ROLE_CATALOGUE.some((r) => r.code === g.role) ? [] : [{ path: [i, 'role'], message: `角色 ${g.role} 不存在` }]),
    ]);
    if (issues.length) throw validation(issues);
  };

  app.get(ROUTES.orgUnits.path, { schema: { tags: ['org'], summary: '组织机构树', response: { 200: z.array(OrgUnitSchema) } } }, async () => ctx.org.tree.all());

  app.post(
    '/api/org/units',
    { schema: { tags: ['org'], summary: '新增组织单位', body: z.object({ id: IdSchema, name: z.string().min(1).max(100), level: LevelSchema, parentId: UnitId.nullable() }), response: { 201: OrgUnitSchema } } },
    async (req, reply) => {
      const b = req.body;
      if (ctx.org.tree.get(b.id)) throw new ApiError(409, 'ORG_UNIT_EXISTS', '该组织单位编号已存在');
      if (b.parentId && !ctx.org.tree.get(b.parentId)) throw validation([{ path: ['parentId'], message: '上级单位不存在' }]);
      await ctx.db.query('INSERT INTO org_units(id, name, level, parent_id) VALUES ($1, $2, $3, $4)', [b.id, b.name, b.level, b.parentId]);
      await ctx.org.reload();
      return reply.code(201).send(ctx.org.tree.get(b.id)!);
    },
  );

  app.patch(
    '/api/org/units/:id',
    { schema: { tags: ['org'], summary: '修改组织单位名称', params: z.object({ id: UnitId }), body: z.object({ name: z.string().min(1).max(100) }), response: { 200: OrgUnitSchema } } },
    async (req) => {
      if (!ctx.org.tree.get(req.params.id)) throw notFound('该组织单位');
      await ctx.db.query('UPDATE org_units SET name = $2 WHERE id = $1', [req.params.id, req.body.name]);
      await ctx.org.reload();
      return ctx.org.tree.get(req.params.id);
    },
  );

  app.get(ROUTES.roles.path, { schema: { tags: ['org'], summary: '角色目录', response: { 200: z.array(RoleInfoSchema) } } }, async () => ROLE_CATALOGUE.map((r) => ({ code: r.code, name: r.name, level: r.level ?? 'any' })));

  app.get(
    ROUTES.users.path,
    { schema: { tags: ['users'], summary: '用户列表', querystring: z.object({ orgUnit: UnitId.optional() }), response: { 200: z.array(UserSchema) } } },
    async (req) => listUsers(ctx.db, req.query.orgUnit ? ctx.org.tree.subtree(req.query.orgUnit) : undefined),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '新增用户',
        body: z.object({
          id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/).optional(),
          username: z.string().min(2).max(64).regex(/^[A-Za-z0-9_.-]+$/, { message: '用户名只能包含字母、数字、点、下划线和连字符' }),
          name: z.string().min(1).max(100),
          password: z.string().min(8, { message: '密码至少 8 位' }).max(200),
          grants: z.array(RoleGrantSchema).max(50).default([]),
        }),
        response: { 201: UserSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      checkGrants(b.grants);
      const id = b.id ?? `u-${nanoid(8)}`;
      const clash = await ctx.db.query('SELECT 1 FROM users WHERE id = $1 OR username = $2', [id, b.username]);
      if (clash.length) throw new ApiError(409, 'USER_EXISTS', '用户名或编号已存在');
      await insertUser(ctx.db, { id, username: b.username, name: b.name, passwordHash: await hashPassword(b.password) });
      await setGrants(ctx.db, id, b.grants);
      return reply.code(201).send((await getUser(ctx.db, id))!);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户（姓名、重置密码、停用）',
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z.object({ name: z.string().min(1).max(100).optional(), password: z.string().min(8).max(200).optional(), disabled: z.boolean().optional() }),
        response: { 200: UserSchema },
      },
    },
    async (req) => {
      const user = await getUser(ctx.db, req.params.id);
      if (!user) throw notFound('该用户');
      const { name, password, disabled } = req.body;
      await updateUser(ctx.db, req.params.id, { name, disabled, passwordHash: password ? await hashPassword(password) : undefined });
      // A reset password or a disabled account: every session and trusted device of the user ends.
      if (password || disabled) await revokeOtherAccess(ctx.db, user);
      return getUser(ctx.db, req.params.id);
    },
  );

  app.put(
    '/api/users/:id/grants',
    { schema: { tags: ['users'], summary: '设置用户角色（换届后调整）', params: z.object({ id: z.string().min(1).max(64) }), body: z.array(RoleGrantSchema).max(50), response: { 200: UserSchema } } },
    async (req) => {
      if (!(await getUser(ctx.db, req.params.id))) throw notFound('该用户');
      checkGrants(req.body);
      await ctx.db.transaction((tx) => setGrants(tx, req.params.id, req.body));
      return getUser(ctx.db, req.params.id);
    },
  );
};
