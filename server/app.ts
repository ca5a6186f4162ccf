/** Builds the Fastify app: typed zod routes, OpenAPI 3.1, guard, errors, metrics, web app. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context.js';
import { registerGuard } from './auth/guard.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerMetrics } from './http/metrics.js';
import { registerCodecCors } from './http/codec-cors.js';
import { authRoutes } from './routes/auth-routes.js';
import { orgRoutes } from './routes/org-routes.js';
import { definitionRoutes } from './routes/definition-routes.js';
import { migrationRoutes } from './routes/migration-routes.js';
import { playRoutes } from './routes/play-routes.js';
import { caseEventRoutes } from './routes/case-event-routes.js';
import { PlayService } from './play/play-service.js';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { caseRoutes } from './routes/case-routes.js';
import { taskRoutes } from './routes/task-routes.js';
import { delegationRoutes } from './routes/delegation-routes.js';
import { inboxRoutes } from './routes/inbox-routes.js';
import { monitorRoutes } from './routes/monitor-routes.js';
import { cadenceRoutes } from './routes/cadence-routes.js';
import { notificationRoutes } from './routes/notification-routes.js';
import { documentRoutes } from './routes/document-routes.js';
import { opsRoutes } from './routes/ops-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { projectionRoutes } from './routes/projection-routes.js';
import { cspReportRoutes } from './routes/csp-report-routes.js';
import { errorStatusesOf } from './http/error-responses.js';
import { ruleFor } from './auth/route-rules.js';
import { ErrorSchema } from '../api/index.js';

// Validation messages in zh-CN, like every other message of the API.
z.config(z.locales.zhCN());

const CLIENT_ERRORS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'HEADER_TOO_LARGE', '请求头或请求地址过长（上限 16 KB）'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'REQUEST_TIMEOUT', '请求发送超时'],
};

/** Answers a request Node could not parse, with `{code, message}` and the right status. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'Bad Request', 'BAD_REQUEST', '请求格式无效'];
  const body = JSON.stringify({ code, message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The built web app passes this policy (checked in Chromium by tests/security/web-csp.test.ts):
 * scripts, styles, workers and requests from this origin only, no eval, never framed.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'report-sample'"],
  styleSrc: ["'self'", "'report-sample'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
  // Violations are reported (pages and workers) and counted on /metrics: routes/csp-report-routes.ts.
  reportUri: ['/api/csp-report'],
};

/**
 * The built index.html starts the page's first reads from a small inline script (designer/vite
 * plugin "early reads"): allowed by its SHA-256 only, so no other inline script can run.
 */
export function inlineScriptHashes(webDist: string | undefined): string[] {
  const index = webDist ? join(webDist, 'index.html') : undefined;
  if (!index || !existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
}

export interface RouteEntry {
  method: string;
  url: string;
}

export async function buildApp(
  ctx: AppContext,
  opts: { webDist?: string; logLevel?: string; codecOrigins?: string[]; logStream?: NodeJS.WritableStream; trustProxy?: boolean | string; workflowBundle?: WorkflowBundleWithSourceMap },
): Promise<{ app: FastifyInstance; routes: RouteEntry[] }> {
  const app = Fastify({
    // Requests are logged by method, URL and status, never with their bodies (a ballot, a form).
    logger: { level: opts.logLevel ?? 'info', redact: ['req.headers.cookie', 'req.headers.authorization'], ...(opts.logStream ? { stream: opts.logStream } : {}) },
    bodyLimit: 1024 * 1024,
    // Behind a reverse proxy (JICENG_TRUST_PROXY): the client address the login back-off counts by
    // comes from X-Forwarded-For, as far as the trusted hops say.
    trustProxy: opts.trustProxy ?? false,
    // Errors the router raises before a route is chosen get the one error body too.
    frameworkErrors: (err, _req, rawReply) => {
      const reply = rawReply as unknown as { code(n: number): { send(b: unknown): unknown } };
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return reply.code(414).send({ code: 'URI_TOO_LONG', message: '请求地址过长' });
      return reply.code(400).send({ code: 'BAD_REQUEST', message: '请求地址无效' });
    },
    // Errors Node's HTTP parser raises before Fastify sees a request (headers or query string over
    // 16 KB, a malformed request line, a slow client) get the one error body too, not Fastify's own.
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url });
    // Every documented route declares the error answers it can give, with the one error body.
    const schema = r.schema as (Record<string, unknown> & { response?: Record<string | number, unknown>; hide?: boolean }) | undefined;
    if (!schema || schema.hide) return;
    const method = [r.method].flat()[0] ?? 'GET';
    const hasInput = Boolean(schema.params || schema.querystring || schema.body);
    const errors = errorStatusesOf(String(method), r.url, ruleFor(String(method), r.url), hasInput);
    if (errors.length === 0) return;
    schema.response = { ...Object.fromEntries(errors.map((s) => [s, ErrorSchema])), ...(schema.response ?? {}) };
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { ...CONTENT_SECURITY_POLICY, scriptSrc: [...CONTENT_SECURITY_POLICY.scriptSrc, ...inlineScriptHashes(opts.webDist)] } },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
    // Only a deployment served over HTTPS (JICENG_COOKIE_SECURE) tells browsers to insist on it.
    strictTransportSecurity: ctx.cookieSecure ? { maxAge: 180 * 86_400 } : false,
  });
  // State-changing requests carry JSON only: a cross-site form or `fetch` without a preflight
  // (text/plain, form-urlencoded, multipart) is refused with 415 before any handler runs.
  app.removeContentTypeParser('text/plain');
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '基层流程 Jiceng Flow API', version: '0.1.0', description: '账户、组织、流程定义、案件、待办、督办看板。错误统一为 {code, message, issues?}。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jc_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI sets its own CSP on its pages (hashes of its inline scripts). Its bundle injects a
  // <style> element, so its pages alone allow inline styles; never framed, like the rest.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'")
        .replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'")
        .replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  registerCodecCors(app, opts.codecOrigins ?? ['http://localhost:8233', 'http://127.0.0.1:8233']);
  registerErrorHandler(app);
  const metrics = registerMetrics(app);
  registerGuard(app, ctx);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(authRoutes(ctx));
  await app.register(orgRoutes(ctx));
  await app.register(definitionRoutes(ctx));
  await app.register(migrationRoutes(ctx));
  // 试运行 sandboxes live as long as the app: closed with it.
  const plays = new PlayService(ctx, { workflowBundle: opts.workflowBundle });
  app.addHook('onClose', async () => plays.close());
  await app.register(playRoutes(ctx, plays));
  await app.register(caseRoutes(ctx));
  await app.register(caseEventRoutes(ctx));
  await app.register(taskRoutes(ctx));
  await app.register(delegationRoutes(ctx));
  await app.register(inboxRoutes(ctx));
  await app.register(monitorRoutes(ctx));
  await app.register(cadenceRoutes(ctx));
  await app.register(notificationRoutes(ctx));
  await app.register(documentRoutes(ctx));
  await app.register(opsRoutes(ctx, metrics));
  await app.register(reportRoutes(ctx));
  await app.register(projectionRoutes(ctx));
  await app.register(cspReportRoutes(metrics));

  if (opts.webDist && existsSync(opts.webDist)) {
    await app.register(fastifyStatic, {
      root: opts.webDist,
      prefix: '/',
      wildcard: false,
      cacheControl: false,
      // Vite names every file under assets/ by its content hash: a browser may keep it for good.
      // index.html (and the rest) is asked again each time, so a new build is picked up at once.
      setHeaders: (res, path) => {
        res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // SPA fallback: any GET outside /api that is not a file serves index.html.
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.code(404).send({ code: 'NOT_FOUND', message: `找不到接口 GET ${req.url.split('?')[0]}` });
      return reply.sendFile('index.html');
    });
  }
  await app.ready();
  return { app, routes };
}
