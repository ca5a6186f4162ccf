/**
 * Sends the outbox (notification-outbox.ts): claims due rows, reads the recipients' contact
 * details as they are now, sends through the configured channel, and records the result — sent,
 * tried again later with back-off, or failed for good (bad configuration, a recipient without the
 * contact the channel needs, a refusal that will not heal, or too many attempts).
 *
 * Runs in the process that runs the activities (the API in the embedded default, each worker in
 * production); several dispatchers share one outbox through `FOR UPDATE SKIP LOCKED`. A sender
 * that dies between the provider's answer and the record leaves its row claimed until the lease
 * ends, and the row is sent again — at least once in that window, never otherwise (WeCom app
 * messages carry its duplicate check; e-mails keep their Message-ID).
 */
import { ChannelError, type ChannelSenders, type Contact } from '../activities/channels/index.js';
import type { Queryable } from './adapter.js';
import { claimDeliveries, markFailed, markSent, type ClaimedDelivery } from './notification-outbox.js';
import { settingsOf } from './notification-settings.js';

export interface Dispatcher {
  /** New rows were written: run a pass now. */
  kick(): void;
  /** One pass over the due rows; resolves with the number handled (tests, shutdown). */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  db: Queryable;
  senders: ChannelSenders;
  /** The web app's address for deep links. */
  publicUrl: string;
  pollMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  log?: { warn(obj: object, msg: string): void };
}

const BATCH = 20;

/** Back-off before attempt n+1: 15 s, 30 s, 1 min … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 15_000 * 2 ** Math.max(0, attempts - 1));
}

export function startNotificationDispatcher(opts: DispatcherOptions): Dispatcher {
  const leaseMs = opts.leaseMs ?? 120_000;
  const maxAttempts = opts.maxAttempts ?? 8;
  let stopped = false;
  let running: Promise<number> | undefined;
  let again = false;

  const contactsOf = async (d: ClaimedDelivery): Promise<Contact[]> => {
    const settings = await settingsOf(opts.db, d.recipients);
    return d.recipients.map((userId) => {
      const s = settings.get(userId);
      return { userId, ...(s?.mobile ? { mobile: s.mobile } : {}), ...(s?.email ? { email: s.email } : {}), ...(s?.dingtalkUserId ? { dingtalkUserId: s.dingtalkUserId } : {}), ...(s?.wecomUserId ? { wecomUserId: s.wecomUserId } : {}) };
    });
  };

  const handle = async (d: ClaimedDelivery): Promise<void> => {
    try {
      await opts.senders.send({ id: d.id, dedupeKey: d.dedupeKey, channel: d.channel, target: d.target, recipients: await contactsOf(d), payload: d.payload }, opts.publicUrl);
      await markSent(opts.db, d.id);
    } catch (err) {
      const retryable = !(err instanceof ChannelError) || err.retryable;
      const message = err instanceof Error ? err.message : String(err);
      const retryIn = retryable && d.attempts < maxAttempts ? retryDelayMs(d.attempts) : undefined;
      opts.log?.warn({ delivery: d.id, channel: d.channel, attempts: d.attempts, retryIn, err: message }, 'notification delivery failed');
      await markFailed(opts.db, d.id, message, retryIn);
    }
  };

  const pass = async (): Promise<number> => {
    let handled = 0;
    for (;;) {
      const batch = await claimDeliveries(opts.db, BATCH, leaseMs);
      for (const d of batch) await handle(d);
      handled += batch.length;
      if (batch.length < BATCH || stopped) return handled;
    }
  };

  const run = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await pass().catch((err: unknown) => {
          opts.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'notification dispatcher pass failed');
          return 0;
        });
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => void run(), opts.pollMs ?? 5_000);
  timer.unref();
  return {
    kick: () => void run(),
    runOnce: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      opts.senders.close();
    },
  };
}
