/** CORS for the codec endpoint only: the Temporal Web UI (another origin) calls it with the session cookie. */
import type { FastifyInstance } from 'fastify';

export function registerCodecCors(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/codec/')) return;
    const origin = req.headers.origin;
    if (!origin || !allowedOrigins.includes(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-credentials', 'true');
    reply.header('vary', 'origin');
    if (req.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'POST, OPTIONS');
      reply.header('access-control-allow-headers', 'content-type, x-namespace, authorization');
      return reply.code(204).send();
    }
  });
}
