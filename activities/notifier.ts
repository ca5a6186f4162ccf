/**
 * Notifiers. Idempotent on `key`: an activity retried after a worker crash, or a reminder timer
 * replayed, never tells a clerk the same thing twice.
 */
import type { Notifier, NotifyRequest } from './types.js';

export type MemoryNotifier = Notifier & { sent: NotifyRequest[] };

/** Keeps every notification in `sent` (in order); the same key twice is stored once. */
export function createMemoryNotifier(): MemoryNotifier {
  const sent: NotifyRequest[] = [];
  const keys = new Set<string>();
  return {
    sent,
    async send(req) {
      if (keys.has(req.key)) return;
      keys.add(req.key);
      sent.push(structuredClone(req));
    },
  };
}
