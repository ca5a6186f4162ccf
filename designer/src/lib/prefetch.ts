/**
 * Reads started before the page that needs them has loaded: by the inline script of index.html
 * (early-reads.ts) as soon as the HTML arrives, or by the app while the session check and a page's
 * code are still on their way. A prefetched answer is handed out once, and only while it is fresh.
 */
import { api, readAnswer } from './api.js';

export { designerReads, designerRoute } from './early-reads.js';

const FRESH_MS = 10_000;
const early = new Map<string, { at: number; answer: Promise<unknown> }>();

export function prefetch(url: string): void {
  if (early.has(url) || globalThis.__jicengEarlyReads?.has(url)) return;
  const answer = api.get<unknown>(url);
  answer.catch(() => undefined); // whoever takes it handles the error
  early.set(url, { at: Date.now(), answer });
}

/** The prefetched answer for `url` (once), or a fresh request. */
export function getPrefetched<T>(url: string): Promise<T> {
  const started = globalThis.__jicengEarlyReads?.get(url);
  globalThis.__jicengEarlyReads?.delete(url);
  if (started && Date.now() - started.at < FRESH_MS) return readAnswer<T>(url, started.response);
  const hit = early.get(url);
  early.delete(url);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.answer as Promise<T>;
  return api.get<T>(url);
}
