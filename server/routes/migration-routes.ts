/**
 * Migration of running cases to another published version (the designer's 迁移 page): dry run,
 * apply (all migratable cases or one), and the record of past runs. Who: a 流程管理员 (designer
 * capability); only the cases of their units are listed or touched, and the engine checks again
 * that the actor is a 流程管理员 of the case's unit or above.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { ENDPOINTS } from '../../api/index.js';
import { applyMigration, migrationRuns, previewMigration } from '../migrations/migration-service.js';

export const migrationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const { migrationPreview, migrationApply, migrationRuns: runs } = ENDPOINTS;

  app.post(
    migrationPreview.path,
    {
      schema: {
        tags: ['definitions'],
        summary: '迁移预演：列出源版本的办理中案件及迁移后的去向与变化，或不能迁移的原因',
        params: migrationPreview.params,
        body: migrationPreview.body,
        response: { 200: migrationPreview.response },
      },
    },
    async (req) => previewMigration(ctx, requirePrincipal(req), req.params.key, req.body),
  );

  app.post(
    migrationApply.path,
    {
      schema: {
        tags: ['definitions'],
        summary: '迁移办理中案件到新版本（批量或逐件，须填写原因）',
        params: migrationApply.params,
        body: migrationApply.body,
        response: { 200: migrationApply.response },
      },
    },
    async (req) => applyMigration(ctx, requirePrincipal(req), req.params.key, req.body),
  );

  app.get(
    runs.path,
    { schema: { tags: ['definitions'], summary: '迁移记录', params: runs.params, response: { 200: runs.response } } },
    async (req) => migrationRuns(ctx, req.params.key),
  );
};
