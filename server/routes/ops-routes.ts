/** Health, readiness, metrics, and the codec endpoint the Temporal Web UI calls to show encrypted payloads. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import type { Payload } from '@temporalio/common';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { decodeForOperator } from '../ops/codec-decode.js';

/** The Web UI's codec protocol: payloads as JSON with base64 metadata and data. */
const JsonPayload = z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() });
const CodecBody = z.object({ payloads: z.array(JsonPayload).max(1000) });
const Readiness = z.object({ status: z.enum(['ready', 'not_ready']), db: z.boolean(), temporal: z.boolean() });

const fromJson = (p: z.infer<typeof JsonPayload>): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: p.data !== undefined ? Buffer.from(p.data, 'base64') : undefined,
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: p.data ? Buffer.from(p.data).toString('base64') : undefined,
});

export const opsRoutes = (ctx: AppContext, metrics: Registry): FastifyPluginAsyncZod => async (app) => {
  app.get('/healthz', { schema: { tags: ['ops'], summary: '存活检查', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { schema: { tags: ['ops'], summary: '就绪检查（数据库与 Temporal）', response: { 200: Readiness, 503: Readiness } } }, async (_req, reply) => {
    const db = await ctx.db.query('SELECT 1').then(() => true, () => false);
    const temporal = await ctx.temporal.connection.healthService.check({}).then(() => true, () => false);
    return reply.code(db && temporal ? 200 : 503).send({ status: db && temporal ? 'ready' : 'not_ready', db, temporal });
  });

  app.get('/metrics', { schema: { tags: ['ops'], summary: 'Prometheus 指标', hide: true } }, async (_req, reply) => {
    reply.header('content-type', metrics.contentType);
    return metrics.metrics();
  });

  // The Temporal Web UI's codec server; only the operations role (OPS_DECODER), see server/ops/codec-decode.ts.
  app.post('/api/codec/encode', { schema: { tags: ['ops'], summary: 'Temporal Web UI codec encode（运维解码员）', body: CodecBody, response: { 200: CodecBody } } }, async (req) => {
    const out = await ctx.temporal.codec.encode(req.body.payloads.map(fromJson));
    return { payloads: out.map(toJson) };
  });
  app.post('/api/codec/decode', { schema: { tags: ['ops'], summary: 'Temporal Web UI codec decode（运维解码员；逐次留痕，敏感字段对非信访岗位显示为 ***）', body: CodecBody, response: { 200: CodecBody } } }, async (req) => {
    const p = requirePrincipal(req);
    const out = await decodeForOperator(ctx, p, req.body.payloads.map(fromJson), req.headers.origin);
    return { payloads: out.map(toJson) };
  });
};
