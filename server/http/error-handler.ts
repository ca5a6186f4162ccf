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

const hasNul = (v: unknown): boolean => v !== undefined && v !== null && JSON.stringify(v).includes('\\u0000');

export function registerErrorHandler(app: FastifyInstance): void {
  // PostgreSQL text cannot hold U+0000: refuse it in any input as a validation error, not a 500.
  app.addHook('preValidation', async (req) => {
    if (hasNul(req.body) || hasNul(req.query) || hasNul(req.params)) {
      throw new ApiError(422, 'VALIDATION', '提交的数据有误', [{ path: [], message: '不能包含空字符（U+0000）' }]);
    }
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
