/**
 * One error body for every failure: `{code, message (zh-CN), issues?}`. Bad input never becomes a
 * 500: schema failures are 422 with paths, oversized bodies 413, malformed JSON 400.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, fromTemporalError, type ApiIssue } from '../errors.js';

function pathOf(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** Deepest nesting any input may have (a definition or form data needs far less). */
export const MAX_INPUT_DEPTH = 64;

/**
 * Walks parsed input without recursion (JSON.parse accepts 100,000 levels; a recursive walk or
 * JSON.stringify of that overflows the stack): how deep it nests, and whether a key or string
 * holds U+0000. Stops at the first finding.
 */
export function inspectInput(v: unknown): 'nul' | 'too-deep' | undefined {
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, depth] = stack.pop()!;
    if (typeof x === 'string') {
      if (x.includes('\u0000')) return 'nul';
      continue;
    }
    if (x === null || typeof x !== 'object') continue;
    if (depth > MAX_INPUT_DEPTH) return 'too-deep';
    for (const [k, child] of Object.entries(x)) {
      if (k.includes('\u0000')) return 'nul';
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

export function registerErrorHandler(app: FastifyInstance): void {
  // PostgreSQL text cannot hold U+0000, and nothing we store nests 64 levels deep: refuse either
  // in any input as a validation error, not a 500.
  app.addHook('preValidation', async (req) => {
    const found = inspectInput(req.body) ?? inspectInput(req.query) ?? inspectInput(req.params);
    if (found === 'nul') throw new ApiError(422, 'VALIDATION', '提交的数据有误', [{ path: [], message: '不能包含空字符（U+0000）' }]);
    if (found === 'too-deep') throw new ApiError(422, 'VALIDATION', '提交的数据有误', [{ path: [], message: `数据嵌套层级过深（最多 ${MAX_INPUT_DEPTH} 层）` }]);
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues: ApiIssue[] = err.validation.map((v) => ({ path: pathOf(v.instancePath), message: v.message ?? '无效' }));
      return reply.code(422).send({ code: 'VALIDATION', message: '提交的数据有误', issues });
    }
    const api = err instanceof ApiError ? err : fromTemporalError(err);
    if (api) {
      if (api.status === 503) req.log.warn({ code: api.code, url: req.url }, api.message);
      else if (api.status >= 500) req.log.error({ err }, api.message);
      return reply.code(api.status).send({ code: api.code, message: api.message, ...(api.issues ? { issues: api.issues } : {}) });
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大（上限 1 MB）' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '请以 JSON 格式提交' });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply.code(400).send({ code: 'BAD_REQUEST', message: '请求体不是有效的 JSON' });
      default:
        break;
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ code: 'BAD_REQUEST', message: '请求无效' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ code: 'NOT_FOUND', message: `找不到接口 ${req.method} ${req.url.split('?')[0]}` });
  });
}
