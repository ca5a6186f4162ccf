/**
 * 试运行 of a draft (issue 19): start a sandbox case, read it, act on its steps as whoever holds
 * them, move its clock, end it. Who: a 流程管理员 (designer capability), in a unit of their scope;
 * a play is seen and moved by the designer who started it only (server/play/play-service.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { ENDPOINTS } from '../../api/index.js';
import type { PlayService } from '../play/play-service.js';

export const playRoutes = (_ctx: AppContext, plays: PlayService): FastifyPluginAsyncZod => async (app) => {
  const { playStart, play, playAct, playAdvance, playEnd } = ENDPOINTS;
  const tags = ['definitions'];

  app.post(
    playStart.path,
    { schema: { tags, summary: '试运行草稿：在独立的时间快进测试服务器上启动一个沙盒案件', body: playStart.body, response: { 201: playStart.response } } },
    async (req, reply) => reply.code(201).send(await plays.start(requirePrincipal(req), req.body)),
  );
  app.get(
    play.path,
    { schema: { tags, summary: '试运行的当前状态（沙盒时间、环节、时间线、将发出的通知）', params: play.params, response: { 200: play.response } } },
    async (req) => plays.get(requirePrincipal(req), req.params.playId),
  );
  app.post(
    playAct.path,
    { schema: { tags, summary: '以环节办理人的身份办理试运行中的一步（办理、退回、登记异议、计票、监票）', params: playAct.params, body: playAct.body, response: { 200: playAct.response } } },
    async (req) => plays.act(requirePrincipal(req), req.params.playId, req.body),
  );
  app.post(
    playAdvance.path,
    { schema: { tags, summary: '快进试运行的时间（1 小时、1 天、1 周或到下一个时限）', params: playAdvance.params, body: playAdvance.body, response: { 200: playAdvance.response } } },
    async (req) => plays.advance(requirePrincipal(req), req.params.playId, req.body.by),
  );
  app.delete(
    playEnd.path,
    { schema: { tags, summary: '结束试运行', params: playEnd.params, response: { 204: playEnd.response } } },
    async (req, reply) => {
      await plays.end(requirePrincipal(req), req.params.playId);
      return reply.code(204).send(null);
    },
  );
};
