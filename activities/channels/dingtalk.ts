/**
 * DingTalk (钉钉, also 浙政钉's open platform): the custom group robot with 加签 and the 工作通知 of
 * an internal app, as documented by DingTalk's open platform:
 *
 * - robot: POST {webhook}&timestamp={ms}&sign={urlEncode(base64(HmacSHA256(key=secret, timestamp+"\n"+secret)))}
 *   with {msgtype:'markdown', markdown:{title, text}, at:{atMobiles, atUserIds, isAtAll:false}}; answer {errcode:0, errmsg:'ok'};
 * - work notification: GET /gettoken?appkey&appsecret → {errcode:0, access_token, expires_in}, then
 *   POST /topapi/message/corpconversation/asyncsend_v2?access_token= with
 *   {agent_id, userid_list:'a,b', msg:{msgtype:'action_card', action_card:{title, markdown, single_title, single_url}}}
 *   → {errcode:0, task_id}. An expired or invalid token (40014, 42001) is fetched again once.
 */
import { createHmac } from 'node:crypto';
import { ChannelError, requestJson, tokenCache } from './http.js';
import { markdownOf, type ChannelMessage } from './message.js';

interface DingAnswer {
  errcode: number;
  errmsg?: string;
}

/** The robot's 加签: `timestamp` in ms and the url-encoded base64 HMAC-SHA256 of "timestamp\nsecret" keyed by the secret. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(digest);
}

function check(answer: DingAnswer, what: string): void {
  if (answer.errcode === 0) return;
  // 130101: sending too fast (20 a minute per robot); -1: system busy. Others (310000 sign or keyword refused, 300001 token) do not heal.
  const retryable = answer.errcode === 130101 || answer.errcode === -1;
  throw new ChannelError(`${what}: errcode ${answer.errcode} ${answer.errmsg ?? ''}`.trim(), retryable);
}

export async function sendDingtalkRobot(robot: { webhook: string; secret: string }, m: ChannelMessage, mention: { mobiles: string[]; userIds: string[] }, now = Date.now()): Promise<void> {
  const url = `${robot.webhook}${robot.webhook.includes('?') ? '&' : '?'}timestamp=${now}&sign=${dingtalkSign(robot.secret, now)}`;
  const mentions = [...mention.mobiles, ...mention.userIds].map((x) => `@${x}`);
  const answer = await requestJson<DingAnswer>(url, {
    json: {
      msgtype: 'markdown',
      markdown: { title: m.title, text: markdownOf(m, mentions) },
      at: { atMobiles: mention.mobiles, atUserIds: mention.userIds, isAtAll: false },
    },
  });
  check(answer, '钉钉群机器人');
}

export function dingtalkWorkClient(cfg: { appKey: string; appSecret: string; agentId: number; apiBase: string }) {
  const base = cfg.apiBase.replace(/\/+$/, '');
  const tokens = tokenCache(async () => {
    const a = await requestJson<DingAnswer & { access_token?: string; expires_in?: number }>(
      `${base}/gettoken?appkey=${encodeURIComponent(cfg.appKey)}&appsecret=${encodeURIComponent(cfg.appSecret)}`,
    );
    check(a, '钉钉获取 access_token');
    if (!a.access_token) throw new ChannelError('钉钉获取 access_token: no token', true);
    return { token: a.access_token, expiresInS: a.expires_in ?? 7200 };
  });
  const post = async (userIds: string[], m: ChannelMessage) =>
    requestJson<DingAnswer>(`${base}/topapi/message/corpconversation/asyncsend_v2?access_token=${encodeURIComponent(await tokens.get())}`, {
      json: {
        agent_id: cfg.agentId,
        userid_list: userIds.join(','),
        msg: { msgtype: 'action_card', action_card: { title: m.title, markdown: `#### ${m.title}\n\n${m.text}`, single_title: m.action, single_url: m.url } },
      },
    });
  return {
    async send(userIds: string[], m: ChannelMessage): Promise<void> {
      let answer = await post(userIds, m);
      if (answer.errcode === 40014 || answer.errcode === 42001) {
        tokens.invalidate();
        answer = await post(userIds, m);
      }
      check(answer, '钉钉工作通知');
    },
  };
}
