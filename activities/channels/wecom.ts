/**
 * WeCom (企业微信) as documented by its developer center:
 *
 * - group robot: POST {webhook with ?key=…} {msgtype:'markdown', markdown:{content}}; mentions are
 *   `<@userid>` in the content (markdown has no mobile list) → {errcode:0, errmsg:'ok'};
 * - app message: GET /cgi-bin/gettoken?corpid&corpsecret → {errcode:0, access_token, expires_in},
 *   then POST /cgi-bin/message/send?access_token= {touser:'a|b', msgtype:'textcard', agentid,
 *   textcard:{title, description, url, btntxt}, enable_duplicate_check:1, duplicate_check_interval}
 *   — WeCom drops the same message sent again within the interval, so a resend after a crash
 *   between sending and recording is not seen twice. 40014/42001: the token is fetched again once.
 */
import { ChannelError, requestJson, tokenCache } from './http.js';
import { markdownOf, type ChannelMessage } from './message.js';

interface WecomAnswer {
  errcode: number;
  errmsg?: string;
  invaliduser?: string;
}

function check(answer: WecomAnswer, what: string): void {
  if (answer.errcode === 0) return;
  // -1 system busy, 45009 API frequency; others (93000 invalid webhook key, 40001 secret, 81013 no recipient) do not heal.
  const retryable = answer.errcode === -1 || answer.errcode === 45009 || answer.errcode === 45033;
  throw new ChannelError(`${what}: errcode ${answer.errcode} ${answer.errmsg ?? ''}`.trim(), retryable);
}

/** At most 4 hours (WeCom's limit): a resend after a crash within it is dropped by WeCom. */
export const WECOM_DUPLICATE_CHECK_S = 4 * 3600;

export async function sendWecomRobot(robot: { webhook: string }, m: ChannelMessage, mentionUserIds: string[]): Promise<void> {
  const answer = await requestJson<WecomAnswer>(robot.webhook, {
    json: { msgtype: 'markdown', markdown: { content: markdownOf(m, mentionUserIds.map((id) => `<@${id}>`)) } },
  });
  check(answer, '企业微信群机器人');
}

export function wecomAppClient(cfg: { corpId: string; corpSecret: string; agentId: number; apiBase: string }) {
  const base = cfg.apiBase.replace(/\/+$/, '');
  const tokens = tokenCache(async () => {
    const a = await requestJson<WecomAnswer & { access_token?: string; expires_in?: number }>(
      `${base}/cgi-bin/gettoken?corpid=${encodeURIComponent(cfg.corpId)}&corpsecret=${encodeURIComponent(cfg.corpSecret)}`,
    );
    check(a, '企业微信获取 access_token');
    if (!a.access_token) throw new ChannelError('企业微信获取 access_token: no token', true);
    return { token: a.access_token, expiresInS: a.expires_in ?? 7200 };
  });
  const post = async (userIds: string[], m: ChannelMessage) =>
    requestJson<WecomAnswer>(`${base}/cgi-bin/message/send?access_token=${encodeURIComponent(await tokens.get())}`, {
      json: {
        touser: userIds.join('|'),
        msgtype: 'textcard',
        agentid: cfg.agentId,
        textcard: { title: m.title, description: `<div class="highlight">${m.kindLabel}</div><div class="normal">${escapeHtml(m.text)}</div>`, url: m.url, btntxt: m.action },
        enable_duplicate_check: 1,
        duplicate_check_interval: WECOM_DUPLICATE_CHECK_S,
      },
    });
  return {
    async send(userIds: string[], m: ChannelMessage): Promise<void> {
      let answer = await post(userIds, m);
      if (answer.errcode === 40014 || answer.errcode === 42001) {
        tokens.invalidate();
        answer = await post(userIds, m);
      }
      check(answer, '企业微信应用消息');
    },
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}
