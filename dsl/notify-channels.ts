/**
 * The channels a notification may take besides the in-app bell (issue 18): DingTalk and WeCom
 * (企业微信) group robots and work notifications, SMS and e-mail. Pure vocabulary, shared by the
 * channel clients, the API contract and the web app.
 */
export const NOTIFY_CHANNELS = ['dingtalkRobot', 'dingtalkWork', 'wecomRobot', 'wecomApp', 'sms', 'email'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/** Group robots post into a unit's group chat (one message per group, mentioning the recipients). */
export const GROUP_CHANNELS: readonly NotifyChannel[] = ['dingtalkRobot', 'wecomRobot'];

/** The contact detail a channel needs from the user's settings (a group robot mentions by it, too). */
export const CHANNEL_CONTACT: Record<NotifyChannel, 'mobile' | 'email' | 'dingtalkUserId' | 'wecomUserId' | undefined> = {
  dingtalkRobot: undefined,
  dingtalkWork: 'dingtalkUserId',
  wecomRobot: undefined,
  wecomApp: 'wecomUserId',
  sms: 'mobile',
  email: 'email',
};
