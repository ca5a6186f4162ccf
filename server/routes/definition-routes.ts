/** Definition store: list, versions, draft save (422 with issue paths), validate, publish, diff, import/export. */
import { z } from 'zod';
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { ApiError, notFound, validation } from '../errors.js';
import { requirePrincipal } from '../auth/guard.js';
import type { Definition } from '../../dsl/schema.js';
import { validateDefinition, type ValidationIssue } from '../../dsl/validate.js';
import * as store from '../definitions/store.js';
import { diffDefinitions } from '../definitions/diff.js';
import {
  DefinitionBody,
  DefinitionDiffSchema,
  DefinitionListItemSchema,
  DefinitionOutSchema,
  DiffQuery,
  ImportResponse,
  KeyParams,
  StartableDefinitionSchema,
  PublishBody,
  PublishResponse,
  SaveDraftResponse,
  ValidateResponse,
  VersionInfoSchema,
  VersionParams,
} from '../../api/index.js';
import { startUnits } from '../cases/starters.js';

function schemaFailure(issues: ValidationIssue[]): ApiError {
  return validation(
    issues.map((i) => ({ path: i.path, message: i.message })),
    '流程定义不符合格式要求',
  );
}

/** Parses a definition body; 422 with the validator's paths when it does not match the schema. */
function parseOrThrow(body: unknown): { definition: Definition; issues: ValidationIssue[]; valid: boolean } {
  const result = validateDefinition(body);
  if (!result.definition) throw schemaFailure(result.issues);
  return { definition: result.definition, issues: result.issues, valid: result.valid };
}

export const definitionRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(ROUTES.definitions.path, { schema: { tags: ['definitions'], summary: '流程定义列表', response: { 200: z.array(DefinitionListItemSchema) } } }, async () => store.listDefinitions(ctx.db));

  app.get(
    ROUTES.startable.path,
    {
      schema: {
        tags: ['definitions'],
        summary: '我可以发起的流程及单位',
        description: '最新发布版本中，当前用户持有可发起角色（starterRoles）的流程，以及可在哪些单位发起。',
        response: { 200: z.array(StartableDefinitionSchema) },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const out = [];
      for (const item of await store.listDefinitions(ctx.db)) {
        if (!item.latestVersion) continue;
        const def = await store.getPublishedCached(ctx.db, item.key, item.latestVersion);
        if (!def) continue;
        const units = [...startUnits(def, p, ctx.org.tree)].map((id) => ctx.org.tree.get(id)).filter((u) => u !== undefined);
        if (units.length === 0) continue;
        out.push({ key: def.key, title: def.title, category: def.category ?? null, version: def.version, units: units.map((u) => ({ id: u.id, name: u.name })) });
      }
      return out;
    },
  );

  app.get(ROUTES.versions.path, { schema: { tags: ['definitions'], summary: '已发布版本', params: KeyParams, response: { 200: z.array(VersionInfoSchema) } } }, async (req) =>
    store.listVersions(ctx.db, req.params.key),
  );


  app.get(ROUTES.version.path, { schema: { tags: ['definitions'], summary: '某一版本', params: VersionParams, response: { 200: DefinitionOutSchema } } }, async (req) => {
    const def = await store.getPublished(ctx.db, req.params.key, req.params.version);
    if (!def) throw notFound('该流程版本');
    return def;
  });

  app.get(
    '/api/definitions/:key/versions/:version/export',
    { schema: { tags: ['definitions'], summary: '导出 JSON', params: VersionParams, response: { 200: DefinitionOutSchema } } },
    async (req, reply) => {
      const def = await store.getPublished(ctx.db, req.params.key, req.params.version);
      if (!def) throw notFound('该流程版本');
      reply.header('content-disposition', `attachment; filename="${def.key}-v${def.version}.json"`);
      return def;
    },
  );

  app.get(ROUTES.draft.path, { schema: { tags: ['definitions'], summary: '草稿', params: KeyParams, response: { 200: DefinitionOutSchema } } }, async (req) => {
    const draft = await store.getDraft(ctx.db, req.params.key);
    if (!draft) throw new ApiError(404, 'NO_DRAFT', '该流程没有草稿');
    return draft;
  });

  app.put(
    ROUTES.saveDraft.path,
    { schema: { tags: ['definitions'], summary: '保存草稿（返回校验问题）', params: KeyParams, body: DefinitionBody, response: { 200: SaveDraftResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const { definition, issues } = parseOrThrow(req.body);
      if (definition.key !== req.params.key) throw validation([{ path: ['key'], message: `流程标识应为 ${req.params.key}` }]);
      await store.saveDraft(ctx.db, definition, p.id);
      return { definition, issues };
    },
  );

  app.post(ROUTES.validate.path, { schema: { tags: ['definitions'], summary: '校验', body: DefinitionBody, response: { 200: ValidateResponse } } }, async (req) => {
    const r = validateDefinition(req.body);
    return { valid: r.valid, issues: r.issues };
  });

  app.post(
    ROUTES.publish.path,
    { schema: { tags: ['definitions'], summary: '发布草稿为新版本', params: KeyParams, body: PublishBody, response: { 200: PublishResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const draft = await store.getDraft(ctx.db, req.params.key);
      if (!draft) throw new ApiError(404, 'NO_DRAFT', '该流程没有草稿');
      const r = validateDefinition(draft);
      if (!r.valid || !r.definition) {
        throw validation(
          r.issues.filter((i) => i.severity === 'error').map((i) => ({ path: i.path, message: i.message })),
          '流程定义有错误，不能发布',
        );
      }
      const version = await store.publish(ctx.db, r.definition, p.id, req.body.changeNote);
      return { version };
    },
  );

  app.get(
    ROUTES.diff.path,
    {
      schema: {
        tags: ['definitions'],
        summary: '比较两个版本',
        params: KeyParams,
        querystring: DiffQuery,
        response: { 200: DefinitionDiffSchema },
      },
    },
    async (req) => {
      const from = await store.getPublished(ctx.db, req.params.key, req.query.from);
      const to = req.query.to === 'draft' ? await store.getDraft(ctx.db, req.params.key) : await store.getPublished(ctx.db, req.params.key, req.query.to);
      if (!from || !to) throw notFound('要比较的版本');
      return diffDefinitions(from, to);
    },
  );

  app.post(ROUTES.importDefinition.path, { schema: { tags: ['definitions'], summary: '导入 JSON 为草稿', body: DefinitionBody, response: { 200: ImportResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const { definition } = parseOrThrow(req.body);
    await store.saveDraft(ctx.db, definition, p.id);
    return { key: definition.key, draft: true as const };
  });
};
