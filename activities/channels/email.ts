/**
 * E-mail over SMTP with nodemailer: a plain-text and an HTML part, the link as a button. The
 * Message-ID is derived from the outbox row, so a resend after a crash carries the same id and
 * mail clients show it once.
 */
import nodemailer from 'nodemailer';
import { ChannelError } from './http.js';
import type { ChannelMessage } from './message.js';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
  allowSelfSigned: boolean;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

export function smtpClient(cfg: SmtpConfig) {
  const transport = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    ...(cfg.user ? { auth: { user: cfg.user, pass: cfg.pass ?? '' } } : {}),
    ...(cfg.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(to: string, m: ChannelMessage, messageKey: string): Promise<void> {
      const domain = /@([^>\s]+)>?$/.exec(cfg.from)?.[1] ?? 'jiceng.local';
      try {
        await transport.sendMail({
          from: cfg.from,
          to,
          subject: `【基层流程】${m.title}`,
          messageId: `<${messageKey}@${domain}>`,
          text: `${m.text}\n\n${m.action}：${m.url}\n`,
          html: `<p>${esc(m.text)}</p><p><a href="${esc(m.url)}">${esc(m.action)}</a></p>`,
        });
      } catch (err) {
        const e = err as { responseCode?: number; message?: string };
        // 5xx: the server refused the message or the address for good; anything else may heal.
        throw new ChannelError(`SMTP: ${e.message ?? String(err)}`, !(e.responseCode && e.responseCode >= 500));
      }
    },
    close(): void {
      transport.close();
    },
  };
}
