/**
 * Where the channels' accounts and secrets come from: a JSON file named by env JICENG_CHANNELS
 * (never the database, never a response), checked here. A channel without its section is not
 * offered to users. Endpoints default to the providers' documented hosts; tests point them at a
 * local receiver.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

const RobotSchema = z.object({
  /** Stable id of the group (dedupes one message per group). */
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  /** The org unit whose group chat this is: its users (and those of units below it without a robot of their own) are mentioned there. */
  orgUnit: z.string().min(1).max(64),
  webhook: url,
});

export const ChannelsConfigSchema = z.object({
  /** The web app's address as users reach it: links in messages open `${publicUrl}/tasks/…`. */
  publicUrl: url.optional(),
  dingtalk: z
    .object({
      /** 自定义机器人 with 加签: the webhook (with access_token) and the SEC… secret. */
      robots: z.array(RobotSchema.extend({ secret: z.string().min(1) })).default([]),
      /** 工作通知 of an internal app (corpconversation.asyncsend_v2). */
      work: z.object({ appKey: z.string().min(1), appSecret: z.string().min(1), agentId: z.number().int().positive(), apiBase: url.default('https://oapi.dingtalk.com') }).optional(),
    })
    .optional(),
  wecom: z
    .object({
      /** 群机器人: the webhook with its key. */
      robots: z.array(RobotSchema).default([]),
      /** 应用消息 of a self-built app (message/send). */
      app: z.object({ corpId: z.string().min(1), corpSecret: z.string().min(1), agentId: z.number().int().positive(), apiBase: url.default('https://qyapi.weixin.qq.com') }).optional(),
    })
    .optional(),
  sms: z
    .object({
      provider: z.literal('aliyun'),
      accessKeyId: z.string().min(1),
      accessKeySecret: z.string().min(1),
      /** 短信签名 and the approved template, with variables ${kind}, ${title} and ${link}. */
      signName: z.string().min(1),
      templateCode: z.string().min(1),
      endpoint: url.default('https://dysmsapi.aliyuncs.com/'),
      regionId: z.string().default('cn-hangzhou'),
    })
    .optional(),
  smtp: z
    .object({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(465),
      /** TLS from the start (465); false: STARTTLS when the server offers it (587/25). */
      secure: z.boolean().default(true),
      user: z.string().optional(),
      pass: z.string().optional(),
      from: z.string().min(3),
      /** Only for a local relay or a test server with a self-signed certificate. */
      allowSelfSigned: z.boolean().default(false),
    })
    .optional(),
});
export type ChannelsConfig = z.infer<typeof ChannelsConfigSchema>;
export type ChannelsConfigInput = z.input<typeof ChannelsConfigSchema>;

/** The file named by JICENG_CHANNELS, checked; undefined without it. A bad file stops the start with the path of the problem. */
export function loadChannelsConfig(env: NodeJS.ProcessEnv = process.env): ChannelsConfig | undefined {
  const path = env.JICENG_CHANNELS;
  if (!path) return undefined;
  const parsed = ChannelsConfigSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`JICENG_CHANNELS ${path}: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return parsed.data;
}
