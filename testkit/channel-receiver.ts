/**
 * A local stand-in for the providers the notification channels talk to — DingTalk (robot with
 * 加签, gettoken, 工作通知), WeCom (robot, gettoken, 应用消息), Alibaba Cloud SMS (SendSms with
 * its RPC signature) and an SMTP server — that checks every request against the providers'
 * documented format and answers as they do. What it receives is kept in `messages`, each with
 * the format problems it found (`problems`, empty when the request was right) and the deep link
 * it carries. Signatures are checked with implementations of their own (WebCrypto for DingTalk,
 * the documented URLEncoder recipe for Alibaba Cloud), not the clients' code.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webcrypto, createHmac } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { ChannelsConfigInput } from '../activities/channels/config.js';

export type ReceivedProvider = 'dingtalkRobot' | 'dingtalkWork' | 'wecomRobot' | 'wecomApp' | 'sms' | 'email';

export interface ReceivedMessage {
  provider: ReceivedProvider;
  /** The robot/app it went to, or the phone/e-mail address. */
  to: string;
  /** Mentioned / addressed users (mobiles, user ids). */
  mentions: string[];
  title: string;
  text: string;
  /** The first link to the web app in the message. */
  link?: string;
  /** Format violations found (empty: the request was as documented). */
  problems: string[];
  raw: unknown;
}

export const RECEIVER_SECRETS = {
  dingtalkRobotToken: 'robot-token-jingshan',
  dingtalkRobotSecret: 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd',
  dingtalkAppKey: 'ding-app-key',
  dingtalkAppSecret: 'ding-app-secret',
  dingtalkAgentId: 2_000_001,
  wecomRobotKey: '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
  wecomCorpId: 'ww-corp-id',
  wecomCorpSecret: 'ww-corp-secret',
  wecomAgentId: 1_000_002,
  aliyunKeyId: 'testId',
  aliyunKeySecret: 'testSecret',
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const firstLink = (s: string): string | undefined => /https?:\/\/[^\s)"'<]+/.exec(s)?.[0];

/** DingTalk's 加签 as its documentation states it, computed with WebCrypto. */
async function dingSign(secret: string, timestamp: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await webcrypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await webcrypto.subtle.sign('HMAC', key, enc.encode(`${timestamp}\n${secret}`));
  return Buffer.from(mac).toString('base64');
}

/** Alibaba Cloud's RPC signature by its documented recipe: URLEncoder, then + → %20, * → %2A, %7E → ~. */
function aliyunExpected(params: URLSearchParams, secret: string, method: string): string {
  const enc = (s: string) => new URLSearchParams({ x: s }).toString().slice(2).replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
  const pairs = [...params.entries()].filter(([k]) => k !== 'Signature').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return createHmac('sha1', `${secret}&`).update(`${method}&${enc('/')}&${enc(canonical)}`).digest('base64');
}

export interface ChannelReceiver {
  url: string;
  smtpPort: number;
  messages: ReceivedMessage[];
  /** Answer the next app-message send with "access_token expired" (42001), as the providers do after 2 hours. */
  expireTokensOnce(): void;
  /** How many tokens were handed out per provider. */
  tokensIssued: { dingtalk: number; wecom: number };
  /** The channels config for a server sending here. */
  config(opts: { publicUrl: string; orgUnit: string }): ChannelsConfigInput;
  waitFor(pred: (m: ReceivedMessage) => boolean, timeoutMs?: number): Promise<ReceivedMessage>;
  close(): Promise<void>;
}

export async function startChannelReceiver(): Promise<ChannelReceiver> {
  const S = RECEIVER_SECRETS;
  const messages: ReceivedMessage[] = [];
  const tokens = { dingtalk: new Set<string>(), wecom: new Set<string>() };
  const tokensIssued = { dingtalk: 0, wecom: 0 };
  let expireOnce = false;
  const nonces = new Set<string>();
  const wecomSeen = new Map<string, number>();

  const handle = async (req: IncomingMessage): Promise<{ status: number; body: unknown }> => {
    const u = new URL(req.url ?? '/', 'http://x');
    const body = req.method === 'POST' ? await readBody(req) : '';
    const problems: string[] = [];
    const json = () => {
      if (!/application\/json/.test(req.headers['content-type'] ?? '')) problems.push(`content-type ${req.headers['content-type']}`);
      try {
        return JSON.parse(body) as Record<string, any>;
      } catch {
        problems.push('body is not JSON');
        return {} as Record<string, any>;
      }
    };

    // ── DingTalk ──
    if (u.pathname === '/dingtalk/robot/send' && req.method === 'POST') {
      const b = json();
      if (u.searchParams.get('access_token') !== S.dingtalkRobotToken) return { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } };
      const ts = u.searchParams.get('timestamp') ?? '';
      if (!/^\d{13}$/.test(ts) || Math.abs(Date.now() - Number(ts)) > 3_600_000) return { status: 200, body: { errcode: 310000, errmsg: 'invalid timestamp' } };
      if (u.searchParams.get('sign') !== (await dingSign(S.dingtalkRobotSecret, ts))) return { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
      if (b.msgtype !== 'markdown') problems.push(`msgtype ${b.msgtype}`);
      if (typeof b.markdown?.title !== 'string' || typeof b.markdown?.text !== 'string') problems.push('markdown.title/text missing');
      if (b.at && (!Array.isArray(b.at.atMobiles ?? []) || typeof (b.at.isAtAll ?? false) !== 'boolean')) problems.push('at malformed');
      const mentions: string[] = [...(b.at?.atMobiles ?? []), ...(b.at?.atUserIds ?? [])];
      for (const m of mentions) if (!String(b.markdown?.text).includes(`@${m}`)) problems.push(`@${m} not in the text (DingTalk shows a mention only when the text names it)`);
      messages.push({ provider: 'dingtalkRobot', to: S.dingtalkRobotToken, mentions, title: b.markdown?.title, text: b.markdown?.text, link: firstLink(b.markdown?.text ?? ''), problems, raw: b });
      return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    }
    if (u.pathname === '/dingtalk/gettoken' && req.method === 'GET') {
      if (u.searchParams.get('appkey') !== S.dingtalkAppKey || u.searchParams.get('appsecret') !== S.dingtalkAppSecret) return { status: 200, body: { errcode: 40089, errmsg: '不合法的corpid或corpsecret' } };
      tokensIssued.dingtalk += 1;
      const t = `dt-${tokensIssued.dingtalk}`;
      tokens.dingtalk.add(t);
      return { status: 200, body: { errcode: 0, errmsg: 'ok', access_token: t, expires_in: 7200 } };
    }
    if (u.pathname === '/dingtalk/topapi/message/corpconversation/asyncsend_v2' && req.method === 'POST') {
      const b = json();
      const t = u.searchParams.get('access_token') ?? '';
      if (expireOnce) {
        expireOnce = false;
        tokens.dingtalk.clear();
        return { status: 200, body: { errcode: 42001, errmsg: 'access_token expired' } };
      }
      if (!tokens.dingtalk.has(t)) return { status: 200, body: { errcode: 40014, errmsg: '不合法的access_token' } };
      if (b.agent_id !== S.dingtalkAgentId) problems.push(`agent_id ${b.agent_id}`);
      if (typeof b.userid_list !== 'string' || b.userid_list === '') problems.push('userid_list must be a comma-separated string');
      const card = b.msg?.action_card;
      if (b.msg?.msgtype !== 'action_card' || !card) problems.push(`msg.msgtype ${b.msg?.msgtype}`);
      for (const k of ['title', 'markdown', 'single_title', 'single_url']) if (typeof card?.[k] !== 'string' || !card[k]) problems.push(`action_card.${k} missing`);
      messages.push({ provider: 'dingtalkWork', to: String(b.agent_id), mentions: String(b.userid_list ?? '').split(','), title: card?.title, text: card?.markdown, link: card?.single_url, problems, raw: b });
      return { status: 200, body: { errcode: 0, errmsg: 'ok', task_id: messages.length, request_id: `r${messages.length}` } };
    }

    // ── WeCom ──
    if (u.pathname === '/wecom/cgi-bin/webhook/send' && req.method === 'POST') {
      const b = json();
      if (u.searchParams.get('key') !== S.wecomRobotKey) return { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } };
      if (b.msgtype !== 'markdown' || typeof b.markdown?.content !== 'string') problems.push(`msgtype ${b.msgtype} / markdown.content`);
      if (Buffer.byteLength(String(b.markdown?.content ?? '')) > 4096) problems.push('markdown.content over 4096 bytes');
      const mentions = [...String(b.markdown?.content ?? '').matchAll(/<@([^>]+)>/g)].map((m) => m[1]!);
      messages.push({ provider: 'wecomRobot', to: S.wecomRobotKey, mentions, title: String(b.markdown?.content ?? '').split('\n')[0]!.replace(/^#+\s*/, ''), text: b.markdown?.content, link: firstLink(b.markdown?.content ?? ''), problems, raw: b });
      return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    }
    if (u.pathname === '/wecom/cgi-bin/gettoken' && req.method === 'GET') {
      if (u.searchParams.get('corpid') !== S.wecomCorpId || u.searchParams.get('corpsecret') !== S.wecomCorpSecret) return { status: 200, body: { errcode: 40001, errmsg: 'invalid credential' } };
      tokensIssued.wecom += 1;
      const t = `ww-${tokensIssued.wecom}`;
      tokens.wecom.add(t);
      return { status: 200, body: { errcode: 0, errmsg: 'ok', access_token: t, expires_in: 7200 } };
    }
    if (u.pathname === '/wecom/cgi-bin/message/send' && req.method === 'POST') {
      const b = json();
      const t = u.searchParams.get('access_token') ?? '';
      if (expireOnce) {
        expireOnce = false;
        tokens.wecom.clear();
        return { status: 200, body: { errcode: 42001, errmsg: 'access_token expired' } };
      }
      if (!tokens.wecom.has(t)) return { status: 200, body: { errcode: 40014, errmsg: 'invalid access_token' } };
      if (b.agentid !== S.wecomAgentId) problems.push(`agentid ${b.agentid}`);
      if (typeof b.touser !== 'string' || b.touser === '') problems.push('touser must be a |-separated string');
      const card = b.textcard;
      if (b.msgtype !== 'textcard' || !card) problems.push(`msgtype ${b.msgtype}`);
      for (const k of ['title', 'description', 'url']) if (typeof card?.[k] !== 'string' || !card[k]) problems.push(`textcard.${k} missing`);
      if (Buffer.byteLength(String(card?.title ?? '')) > 128) problems.push('textcard.title over 128 bytes');
      if (card?.btntxt !== undefined && Buffer.byteLength(String(card.btntxt)) > 4 * 3) problems.push('textcard.btntxt over 4 characters');
      // enable_duplicate_check: the same request within the interval is not delivered again.
      if (b.enable_duplicate_check === 1) {
        const interval = Number(b.duplicate_check_interval ?? 1800);
        if (!(interval > 0 && interval <= 4 * 3600)) problems.push(`duplicate_check_interval ${interval}`);
        const seen = wecomSeen.get(body);
        wecomSeen.set(body, Date.now());
        if (seen !== undefined && Date.now() - seen < interval * 1000) return { status: 200, body: { errcode: 0, errmsg: 'ok', msgid: 'dup' } };
      }
      messages.push({ provider: 'wecomApp', to: String(b.agentid), mentions: String(b.touser ?? '').split('|'), title: card?.title, text: card?.description, link: card?.url, problems, raw: b });
      return { status: 200, body: { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `m${messages.length}` } };
    }

    // ── Alibaba Cloud SMS ──
    if (u.pathname === '/aliyun/' && req.method === 'POST') {
      if (!/application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) problems.push(`content-type ${req.headers['content-type']}`);
      const p = new URLSearchParams(body);
      if (p.get('AccessKeyId') !== S.aliyunKeyId) return { status: 404, body: { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' } };
      if (p.get('Signature') !== aliyunExpected(p, S.aliyunKeySecret, 'POST')) return { status: 400, body: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' } };
      const nonce = p.get('SignatureNonce') ?? '';
      if (!nonce || nonces.has(nonce)) return { status: 400, body: { Code: 'SignatureNonceUsed', Message: 'Specified signature nonce was used already.' } };
      nonces.add(nonce);
      const expect: Record<string, RegExp> = {
        Action: /^SendSms$/,
        Version: /^2017-05-25$/,
        Format: /^JSON$/,
        SignatureMethod: /^HMAC-SHA1$/,
        SignatureVersion: /^1\.0$/,
        Timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
        PhoneNumbers: /^1\d{10}$/,
        SignName: /.+/,
        TemplateCode: /^SMS_\w+$/,
        RegionId: /.+/,
      };
      for (const [k, re] of Object.entries(expect)) if (!re.test(p.get(k) ?? '')) problems.push(`${k}=${p.get(k)}`);
      let params: Record<string, string> = {};
      try {
        params = JSON.parse(p.get('TemplateParam') ?? '{}') as Record<string, string>;
      } catch {
        problems.push('TemplateParam is not JSON');
      }
      messages.push({ provider: 'sms', to: p.get('PhoneNumbers') ?? '', mentions: [], title: params.title ?? '', text: JSON.stringify(params), link: params.link, problems, raw: Object.fromEntries(p) });
      return { status: 200, body: { Code: 'OK', Message: 'OK', BizId: `biz${messages.length}`, RequestId: `req${messages.length}` } };
    }
    return { status: 404, body: { errcode: 404, errmsg: `no such endpoint ${req.method} ${u.pathname}` } };
  };

  const http: Server = createServer((req, res) => {
    handle(req).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
        res.end(JSON.stringify(body));
      },
      (err: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errcode: -1, errmsg: String(err) }));
      },
    );
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const problems: string[] = [];
          if (!mail.messageId) problems.push('no Message-ID');
          if (!mail.subject) problems.push('no subject');
          if (!mail.text) problems.push('no text part');
          if (!mail.html) problems.push('no HTML part');
          const to = session.envelope.rcptTo.map((r) => r.address);
          messages.push({ provider: 'email', to: to.join(','), mentions: to, title: mail.subject ?? '', text: mail.text ?? '', link: firstLink(mail.text ?? ''), problems, raw: { messageId: mail.messageId, from: mail.from?.text, html: mail.html } });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  return {
    url,
    smtpPort,
    messages,
    tokensIssued,
    expireTokensOnce() {
      expireOnce = true;
    },
    config: ({ publicUrl, orgUnit }) => ({
      publicUrl,
      dingtalk: {
        robots: [{ id: 'ding-group', orgUnit, webhook: `${url}/dingtalk/robot/send?access_token=${S.dingtalkRobotToken}`, secret: S.dingtalkRobotSecret }],
        work: { appKey: S.dingtalkAppKey, appSecret: S.dingtalkAppSecret, agentId: S.dingtalkAgentId, apiBase: `${url}/dingtalk` },
      },
      wecom: {
        robots: [{ id: 'wecom-group', orgUnit, webhook: `${url}/wecom/cgi-bin/webhook/send?key=${S.wecomRobotKey}` }],
        app: { corpId: S.wecomCorpId, corpSecret: S.wecomCorpSecret, agentId: S.wecomAgentId, apiBase: `${url}/wecom` },
      },
      sms: { provider: 'aliyun', accessKeyId: S.aliyunKeyId, accessKeySecret: S.aliyunKeySecret, signName: '基层流程', templateCode: 'SMS_000001', endpoint: `${url}/aliyun/` },
      smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: '基层流程 <noreply@jiceng.test>' },
    }),
    async waitFor(pred, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const m = messages.find(pred);
        if (m) return m;
        if (Date.now() > until) throw new Error(`no such message within ${timeoutMs} ms; received: ${JSON.stringify(messages.map((x) => [x.provider, x.to, x.title]))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await new Promise<void>((r) => http.close(() => r()));
      await new Promise<void>((r) => smtp.close(() => r()));
    },
  };
}
