/**
 * Reads started before the page that needs them has loaded: opening /designer/<key> by its
 * address fetches the definition while the session check and the editor's code are still on
 * their way. A prefetched answer is handed out once, and only while it is fresh.
 */
import { api } from './api.js';

const FRESH_MS = 10_000;
const early = new Map<string, { at: number; answer: Promise<unknown> }>();

export function prefetch(url: string): void {
  if (early.has(url)) return;
  const answer = api.get<unknown>(url);
  answer.catch(() => undefined); // whoever takes it handles the error
  early.set(url, { at: Date.now(), answer });
}

/** The prefetched answer for `url` (once), or a fresh request. */
export function getPrefetched<T>(url: string): Promise<T> {
  const hit = early.get(url);
  early.delete(url);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.answer as Promise<T>;
  return api.get<T>(url);
}

/** The API reads the designer makes on open, by route parameters. */
export function designerReads(key: string, version?: string): { versions: string; definition: string } {
  const k = encodeURIComponent(key);
  return { versions: `/api/definitions/${k}/versions`, definition: `/api/definitions/${k}/${version === undefined ? 'draft' : `versions/${version}`}` };
}

/** Route of the designer for a path, or undefined: `/designer/<key>` or `/designer/<key>/v/<version>`. */
export function designerRoute(pathname: string): { key: string; version?: string } | undefined {
  const m = /^\/designer\/([^/]+)(?:\/v\/([^/]+))?\/?$/.exec(pathname);
  if (!m) return undefined;
  try {
    return { key: decodeURIComponent(m[1]!), ...(m[2] ? { version: decodeURIComponent(m[2]) } : {}) };
  } catch {
    return undefined;
  }
}
