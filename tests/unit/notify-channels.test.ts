/**
 * Notification channels (issue 18): each client speaks its provider's documented API — checked
 * by a local receiver that verifies the request format and the signatures with implementations of
 * its own — and the outbox's routing rules: channels per user, quiet hours, one group message per
 * robot, the nearest unit's robot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aliyunSignature,
  ChannelError,
  ChannelsConfigSchema,
  createChannelSenders,
  deepLink,
  type ChannelSenders,
  type OutgoingDelivery,
} from '../../activities/channels/index.js';
import { startChannelReceiver, type ChannelReceiver } from '../../testkit/channel-receiver.js';
import { nearestRobot, planDeliveries, quietUntil } from '../../db/notification-outbox.js';
import { formatShanghaiDateTime } from '../../dsl/shanghai-time.js';
import type { NotificationSettings } from '../../db/notification-settings.js';

const PUBLIC = 'https://jiceng.example.gov.cn';
let rx: ChannelReceiver;
let senders: ChannelSenders;

beforeAll(async () => {
  rx = await startChannelReceiver();
  senders = createChannelSenders(ChannelsConfigSchema.parse(rx.config({ publicUrl: PUBLIC, orgUnit: 'v1' })));
});
afterAll(async () => {
  senders?.close();
  await rx?.close();
});

let seq = 0;
const delivery = (over: Partial<OutgoingDelivery>): OutgoingDelivery => ({
  id: String(++seq),
  dedupeKey: `case-1:t1:assigned|x|${seq}`,
  channel: 'dingtalkRobot',
  target: 'ding-group',
  recipients: [{ userId: 'u1', mobile: '13800000001', dingtalkUserId: 'ding-u1', wecomUserId: 'WangWei', email: 'wang@example.cn' }],
  payload: { kind: 'assignment', title: '新待办：径山村道路硬化', message: '请办理「受理审查」，办理时限 2026年12月30日 24:00。', caseId: 'xinfang-20261215-Ab3x9K', taskId: 'accept_decision-2' },
  ...over,
});
const LINK = deepLink(PUBLIC, 'xinfang-20261215-Ab3x9K', 'accept_decision-2');

describe('Alibaba Cloud RPC signature: the documented examples', () => {
  it('SendSms example of the SMS documentation (GET): zJDF+Lrzhj/ThnlvIToysFRq6t4=', () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(aliyunSignature(params, 'testSecret', 'GET')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('DescribeRegions example of the RPC signature documentation: OLeaidS1JvxuMvnyHOwuJ+uX5qY=', () => {
    const params = {
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Version: '2014-05-26',
      Timestamp: '2016-02-23T12:46:24Z',
    };
    expect(aliyunSignature(params, 'testsecret', 'GET')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });
});

describe('each channel against the local receiver (documented request format)', () => {
  it('DingTalk robot: 加签 accepted, markdown with the @mention in its text, the task link', async () => {
    await senders.send(delivery({ channel: 'dingtalkRobot' }), PUBLIC);
    const m = rx.messages.at(-1)!;
    expect(m).toMatchObject({ provider: 'dingtalkRobot', mentions: ['13800000001'], title: '新待办：径山村道路硬化', link: LINK, problems: [] });
    expect(m.text).toContain('请办理「受理审查」，办理时限 2026年12月30日 24:00。');
  });

  it('DingTalk robot with a wrong secret: the receiver refuses the sign (310000), a failure that retrying cannot heal', async () => {
    const cfg = ChannelsConfigSchema.parse(rx.config({ publicUrl: PUBLIC, orgUnit: 'v1' }));
    cfg.dingtalk!.robots[0]!.secret = 'SECwrong';
    const bad = createChannelSenders(cfg);
    const err = await bad.send(delivery({ channel: 'dingtalkRobot' }), PUBLIC).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({ retryable: false, message: expect.stringContaining('310000') });
  });

  it('DingTalk 工作通知: one token for several sends, fetched again when the provider says it expired', async () => {
    const before = rx.tokensIssued.dingtalk;
    await senders.send(delivery({ channel: 'dingtalkWork', target: 'u1' }), PUBLIC);
    await senders.send(delivery({ channel: 'dingtalkWork', target: 'u1' }), PUBLIC);
    expect(rx.tokensIssued.dingtalk).toBe(before + 1);
    rx.expireTokensOnce();
    await senders.send(delivery({ channel: 'dingtalkWork', target: 'u1' }), PUBLIC);
    expect(rx.tokensIssued.dingtalk).toBe(before + 2);
    const sent = rx.messages.filter((m) => m.provider === 'dingtalkWork');
    expect(sent).toHaveLength(3);
    expect(sent.at(-1)).toMatchObject({ mentions: ['ding-u1'], link: LINK, problems: [] });
  });

  it('WeCom robot: markdown with <@userid> and the link', async () => {
    await senders.send(delivery({ channel: 'wecomRobot', target: 'wecom-group' }), PUBLIC);
    expect(rx.messages.at(-1)).toMatchObject({ provider: 'wecomRobot', mentions: ['WangWei'], link: LINK, problems: [] });
  });

  it('WeCom app message: a textcard with a 去办理 button; the same message again inside the duplicate check is not delivered twice', async () => {
    const d = delivery({ channel: 'wecomApp', target: 'u1' });
    await senders.send(d, PUBLIC);
    await senders.send(d, PUBLIC);
    const cards = rx.messages.filter((m) => m.provider === 'wecomApp' && m.raw && (m.raw as { textcard: { url: string } }).textcard.url === LINK);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ mentions: ['WangWei'], title: '新待办：径山村道路硬化', problems: [] });
    expect((cards[0]!.raw as { textcard: { btntxt: string } }).textcard.btntxt).toBe('去办理');
  });

  it('SMS (Alibaba Cloud): the signed request is accepted, the template variables carry kind, title and link', async () => {
    await senders.send(delivery({ channel: 'sms', target: 'u1' }), PUBLIC);
    const m = rx.messages.at(-1)!;
    expect(m).toMatchObject({ provider: 'sms', to: '13800000001', link: LINK, problems: [] });
    expect(JSON.parse(m.text)).toMatchObject({ kind: '新待办', title: '新待办：径山村道路硬化' });
  });

  it('SMS with a wrong AccessKeySecret: SignatureDoesNotMatch, not retried', async () => {
    const cfg = ChannelsConfigSchema.parse(rx.config({ publicUrl: PUBLIC, orgUnit: 'v1' }));
    cfg.sms!.accessKeySecret = 'nope';
    const err = await createChannelSenders(cfg).send(delivery({ channel: 'sms', target: 'u1' }), PUBLIC).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: expect.stringContaining('SignatureDoesNotMatch') });
  });

  it('e-mail over SMTP: subject, text and HTML parts, a Message-ID, the link', async () => {
    await senders.send(delivery({ channel: 'email', target: 'u1' }), PUBLIC);
    const m = await rx.waitFor((x) => x.provider === 'email');
    expect(m).toMatchObject({ to: 'wang@example.cn', title: '【基层流程】新待办：径山村道路硬化', link: LINK, problems: [] });
  });

  it('a recipient without the contact a channel needs: a failure that retrying cannot heal', async () => {
    const err = await senders.send(delivery({ channel: 'sms', target: 'u2', recipients: [{ userId: 'u2' }] }), PUBLIC).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: '收件人未填写手机号' });
  });
});

describe('routing: quiet hours, channels per user, one message per group', () => {
  // 2026-12-15 23:30 Shanghai = 15:30 UTC.
  const at = (shanghai: string) => Date.parse(`${shanghai}+08:00`);

  it.each([
    ['23:30 in 22:00–07:00: the next morning at 07:00', '2026-12-15T23:30:00', { start: 22 * 60, end: 7 * 60 }, '2026-12-16T07:00:00'],
    ['06:59 in 22:00–07:00: the same morning at 07:00', '2026-12-16T06:59:00', { start: 22 * 60, end: 7 * 60 }, '2026-12-16T07:00:00'],
    ['12:30 in 12:00–14:00 (no wrap): 14:00', '2026-12-16T12:30:00', { start: 12 * 60, end: 14 * 60 }, '2026-12-16T14:00:00'],
  ])('%s', (_name, now, quiet, until) => {
    expect(quietUntil(at(now), quiet)).toBe(at(until));
  });

  it.each([
    ['07:00 is past 22:00–07:00', '2026-12-16T07:00:00', { start: 22 * 60, end: 7 * 60 }],
    ['21:59 is before it', '2026-12-16T21:59:00', { start: 22 * 60, end: 7 * 60 }],
    ['no quiet hours', '2026-12-16T03:00:00', undefined],
  ])('%s: sent now', (_name, now, quiet) => {
    expect(quietUntil(at(now), quiet)).toBeUndefined();
  });

  const settings = (list: NotificationSettings[]) => new Map(list.map((s) => [s.userId, s]));

  it('two clerks of one village on the group robot get one message mentioning both; SMS per person; a channel not configured is skipped; one in quiet hours waits', () => {
    const now = at('2026-12-15T23:30:00');
    const planned = planDeliveries({
      key: 'case-1:t1:assigned',
      nowMs: now,
      recipients: ['a', 'b', 'c', 'd'],
      settings: settings([
        { userId: 'a', channels: ['dingtalkRobot', 'sms'], mobile: '13800000001' },
        { userId: 'b', channels: ['dingtalkRobot'] },
        { userId: 'c', channels: ['dingtalkRobot', 'email'], quiet: { start: 22 * 60, end: 7 * 60 } },
        { userId: 'd', channels: ['wecomApp'] },
      ]),
      available: new Set(['dingtalkRobot', 'sms', 'email']),
      robotOf: () => 'ding-group',
    });
    const group = planned.filter((p) => p.channel === 'dingtalkRobot');
    expect(group.map((g) => [g.recipients, g.notBefore])).toEqual([
      [['a', 'b'], now],
      [['c'], at('2026-12-16T07:00:00')],
    ]);
    expect(planned.filter((p) => p.channel === 'sms').map((p) => p.target)).toEqual(['a']);
    expect(planned.find((p) => p.channel === 'email')).toMatchObject({ target: 'c', notBefore: at('2026-12-16T07:00:00') });
    expect(planned.some((p) => p.channel === 'wecomApp')).toBe(false);
    // The same notification planned again (a retried activity) yields the same keys: the outbox's unique key drops it.
    const again = planDeliveries({ key: 'case-1:t1:assigned', nowMs: now + 5_000, recipients: ['a', 'b', 'c', 'd'], settings: settings([{ userId: 'a', channels: ['dingtalkRobot', 'sms'], mobile: '1' }, { userId: 'b', channels: ['dingtalkRobot'] }, { userId: 'c', channels: ['dingtalkRobot', 'email'], quiet: { start: 22 * 60, end: 7 * 60 } }]), available: new Set(['dingtalkRobot', 'sms', 'email']), robotOf: () => 'ding-group' });
    expect(again.map((p) => p.dedupeKey).sort()).toEqual(planned.map((p) => p.dedupeKey).sort());
  });

  it("a village without a group robot: its clerk is mentioned in the township's group", () => {
    const parents = new Map<string, string | null>([
      ['c', null],
      ['t', 'c'],
      ['v1', 't'],
      ['v2', 't'],
    ]);
    const robots = [
      { id: 'town-group', orgUnit: 't' },
      { id: 'v2-group', orgUnit: 'v2' },
    ];
    expect(nearestRobot(['v1'], parents, robots)).toBe('town-group');
    expect(nearestRobot(['v2'], parents, robots)).toBe('v2-group');
    expect(nearestRobot(['t', 'v2'], parents, robots)).toBe('v2-group');
    expect(nearestRobot(['c'], parents, robots)).toBeUndefined();
  });
});

describe('times in messages', () => {
  it.each([
    ['2026-12-30T16:00:00.000Z', '2026年12月30日 24:00'],
    ['2026-12-30T09:05:00.000Z', '2026年12月30日 17:05'],
    ['2026-12-31T16:00:00.000Z', '2026年12月31日 24:00'],
  ])('%s reads %s', (iso, words) => {
    expect(formatShanghaiDateTime(iso)).toBe(words);
  });
});
