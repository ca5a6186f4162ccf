/**
 * The channels a deployment has configured (config.ts) as one sender: which channels exist, the
 * group robots by org unit, and `send` of one outbox row to its provider.
 */
import { createHash } from 'node:crypto';
import type { NotifyChannel } from '../../dsl/notify-channels.js';
import type { ChannelsConfig } from './config.js';
import { sendDingtalkRobot, dingtalkWorkClient } from './dingtalk.js';
import { smtpClient } from './email.js';
import { ChannelError } from './http.js';
import { channelMessage, type DeliveryPayload } from './message.js';
import { aliyunSmsProvider, type SmsProvider } from './sms.js';
import { sendWecomRobot, wecomAppClient } from './wecom.js';

/** A recipient's contact details (from their notification settings). */
export interface Contact {
  userId: string;
  mobile?: string;
  email?: string;
  dingtalkUserId?: string;
  wecomUserId?: string;
}

export interface OutgoingDelivery {
  id: string;
  dedupeKey: string;
  channel: NotifyChannel;
  /** A robot id (group channels) or the recipient's user id. */
  target: string;
  recipients: Contact[];
  payload: DeliveryPayload;
}

export interface RobotRef {
  id: string;
  orgUnit: string;
}

export interface ChannelSenders {
  readonly available: ReadonlySet<NotifyChannel>;
  /** The group robots of a channel, by org unit. */
  robots(channel: 'dingtalkRobot' | 'wecomRobot'): readonly RobotRef[];
  send(d: OutgoingDelivery, publicUrl: string): Promise<void>;
  close(): void;
}

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined || value === '') throw new ChannelError(what, false);
  return value;
};

export function createChannelSenders(cfg: ChannelsConfig, opts: { sms?: SmsProvider } = {}): ChannelSenders {
  const dingRobots = new Map((cfg.dingtalk?.robots ?? []).map((r) => [r.id, r]));
  const wecomRobots = new Map((cfg.wecom?.robots ?? []).map((r) => [r.id, r]));
  const dingWork = cfg.dingtalk?.work ? dingtalkWorkClient(cfg.dingtalk.work) : undefined;
  const wecomApp = cfg.wecom?.app ? wecomAppClient(cfg.wecom.app) : undefined;
  const sms = opts.sms ?? (cfg.sms ? aliyunSmsProvider(cfg.sms) : undefined);
  const smtp = cfg.smtp ? smtpClient(cfg.smtp) : undefined;
  const available = new Set<NotifyChannel>([
    ...(dingRobots.size ? (['dingtalkRobot'] as const) : []),
    ...(dingWork ? (['dingtalkWork'] as const) : []),
    ...(wecomRobots.size ? (['wecomRobot'] as const) : []),
    ...(wecomApp ? (['wecomApp'] as const) : []),
    ...(sms ? (['sms'] as const) : []),
    ...(smtp ? (['email'] as const) : []),
  ]);
  return {
    available,
    robots: (channel) => [...(channel === 'dingtalkRobot' ? dingRobots : wecomRobots).values()].map((r) => ({ id: r.id, orgUnit: r.orgUnit })),
    async send(d, publicUrl) {
      const m = channelMessage(d.payload, publicUrl);
      const one = d.recipients[0];
      switch (d.channel) {
        case 'dingtalkRobot': {
          const robot = need(dingRobots.get(d.target), `钉钉群机器人 ${d.target} 未配置`);
          const mobiles = d.recipients.flatMap((r) => (r.mobile ? [r.mobile] : []));
          const userIds = d.recipients.flatMap((r) => (!r.mobile && r.dingtalkUserId ? [r.dingtalkUserId] : []));
          return sendDingtalkRobot(robot, m, { mobiles, userIds });
        }
        case 'wecomRobot': {
          const robot = need(wecomRobots.get(d.target), `企业微信群机器人 ${d.target} 未配置`);
          return sendWecomRobot(robot, m, d.recipients.flatMap((r) => (r.wecomUserId ? [r.wecomUserId] : [])));
        }
        case 'dingtalkWork':
          return need(dingWork, '钉钉工作通知未配置').send([need(one?.dingtalkUserId, '收件人未填写钉钉用户ID')], m);
        case 'wecomApp':
          return need(wecomApp, '企业微信应用消息未配置').send([need(one?.wecomUserId, '收件人未填写企业微信用户ID')], m);
        case 'sms':
          return need(sms, '短信未配置').send({
            phone: need(one?.mobile, '收件人未填写手机号'),
            params: { kind: m.kindLabel, title: m.title.slice(0, 30), link: m.url },
            outId: d.id,
          });
        case 'email':
          return need(smtp, '邮件未配置').send(need(one?.email, '收件人未填写电子邮箱'), m, `jiceng-${d.id}-${createHash('sha1').update(d.dedupeKey).digest('hex').slice(0, 12)}`);
        default: {
          const never: never = d.channel;
          throw new ChannelError(`unknown channel ${String(never)}`, false);
        }
      }
    },
    close() {
      smtp?.close();
    },
  };
}

export { ChannelError } from './http.js';
export { ChannelsConfigSchema, loadChannelsConfig, type ChannelsConfig, type ChannelsConfigInput } from './config.js';
export { channelMessage, deepLink, KIND_LABEL, type ChannelMessage, type DeliveryPayload } from './message.js';
export { dingtalkSign } from './dingtalk.js';
export { aliyunSignature, aliyunPercentEncode, type SmsProvider, type SmsMessage } from './sms.js';
export { WECOM_DUPLICATE_CHECK_S } from './wecom.js';
