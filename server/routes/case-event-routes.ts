/**
 * A case's changes as they happen (issue 18: "after any hand-off the old holder's page updates"):
 * `GET /api/cases/:caseId/events` is a Server-Sent Events stream that says `changed` whenever the
 * case's read-model row moves on — announced at once for writes of this process (the embedded
 * worker), found by a light look at `proj_cases.seq` every few seconds otherwise (a standalone
 * worker writes from another process). Pages reload what they show on it; nothing of the case's
 * content goes over the stream. Who: anyone who may see the case (the guard's case scope).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { CaseIdParam, ROUTES } from '../../api/index.js';
import { storedSeq } from '../projection/wait.js';

const POLL_MS = Number(process.env.JICENG_EVENTS_POLL_MS) || 4_000;

export const caseEventRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  // Open streams end as the server begins to close (they never end by themselves, and the server
  // waits for open connections).
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    ROUTES.caseEvents.path,
    { schema: { tags: ['cases'], summary: '案件变化通知（Server-Sent Events：案件有变化时发送 changed）', params: z.object({ caseId: CaseIdParam }) } },
    async (req, reply) => {
      requirePrincipal(req);
      const { caseId } = req.params;
      let last = await storedSeq(ctx, caseId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        // Proxies must not buffer the stream (nginx).
        'x-accel-buffering': 'no',
      });
      res.write('retry: 5000\n\n');
      const send = (seq: number) => {
        if (seq <= last) return;
        last = seq;
        res.write(`event: changed\ndata: ${seq}\n\n`);
      };
      const off = ctx.projection.onWritten((id, seq) => {
        if (id === caseId) send(seq);
      });
      const poll = setInterval(() => {
        storedSeq(ctx, caseId).then(send, () => undefined);
        // A comment line keeps idle connections open through proxies.
        res.write(': \n\n');
      }, POLL_MS);
      const stop = () => {
        off();
        clearInterval(poll);
        open.delete(end);
      };
      // On shutdown the connection is cut, not just ended: an ended response leaves a keep-alive
      // connection the server would wait out (EventSource reconnects to whichever server is next).
      const end = () => {
        stop();
        res.destroy();
      };
      open.add(end);
      res.on('close', stop);
      res.on('error', stop);
    },
  );
};
