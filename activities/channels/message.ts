/**
 * What a channel message says: the notification's title and text, and a link that opens the task
 * (or the case) in the web app — login-aware: a signed-out user signs in and lands on it.
 * Only what the in-app notification already shows (the stored, masked case title; no form data),
 * because a group chat is read by the whole group.
 */
import type { NotificationKind } from '../types.js';

export interface DeliveryPayload {
  kind: NotificationKind;
  title: string;
  message: string;
  caseId: string;
  taskId?: string;
  caseTitle?: string;
}

export interface ChannelMessage {
  /** "新待办：径山村道路硬化" */
  title: string;
  text: string;
  /** The deep link. */
  url: string;
  /** The button's words: 去办理 for a task, 查看案件 otherwise. */
  action: string;
  kindLabel: string;
}

export const KIND_LABEL: Record<NotificationKind, string> = {
  assignment: '新待办',
  reminder: '办理提醒',
  escalation: '超期督办',
  outcome: '办结通知',
  urge: '催办',
  objection: '公示异议',
  info: '通知',
  cc: '抄送',
};

/** The web app's address of a task or a case. */
export function deepLink(publicUrl: string, caseId: string, taskId?: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return taskId ? `${base}/tasks/${encodeURIComponent(caseId)}/${encodeURIComponent(taskId)}` : `${base}/cases/${encodeURIComponent(caseId)}`;
}

export function channelMessage(p: DeliveryPayload, publicUrl: string): ChannelMessage {
  return {
    title: p.title,
    text: p.message,
    url: deepLink(publicUrl, p.caseId, p.taskId),
    action: p.taskId ? '去办理' : '查看案件',
    kindLabel: KIND_LABEL[p.kind] ?? '通知',
  };
}

/** Markdown for the robots: the text, the mentions, and the link as a button-like line. */
export function markdownOf(m: ChannelMessage, mentions: string[]): string {
  return [`#### ${m.title}`, '', m.text, '', ...(mentions.length ? [mentions.join(' '), ''] : []), `[${m.action}](${m.url})`].join('\n');
}
