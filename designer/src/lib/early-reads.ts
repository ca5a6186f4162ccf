/**
 * The reads a page starts with, begun by a script inlined into index.html (vite.config.ts) as soon
 * as the HTML arrives — not after the app's 300 KB of code have loaded and rendered once. Who is
 * signed in is read on every page; opening /designer/<key> by its address also reads the
 * definition and its versions, and fetches the editor's code. The app takes each answer once
 * (prefetch.ts).
 *
 * No imports: this file is compiled on its own into that inline script, and imported by the app.
 */

/** Answers of reads started early, by URL (taken once). */
export type EarlyReads = Map<string, { at: number; response: Promise<Response> }>;

declare global {
  // eslint-disable-next-line no-var
  var __jicengEarlyReads: EarlyReads | undefined;
}

export const SESSION_URL = '/api/auth/me';

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

/** The API reads the designer makes on open, by route parameters. */
export function designerReads(key: string, version?: string): { versions: string; definition: string } {
  const k = encodeURIComponent(key);
  return { versions: `/api/definitions/${k}/versions`, definition: `/api/definitions/${k}/${version === undefined ? 'draft' : `versions/${version}`}` };
}

/** Every read a page at `pathname` starts with. The login page reads nothing. */
export function earlyReadUrls(pathname: string): string[] {
  if (pathname.startsWith('/login')) return [];
  const designer = designerRoute(pathname);
  if (!designer) return [SESSION_URL];
  const reads = designerReads(designer.key, designer.version);
  return [SESSION_URL, reads.versions, reads.definition];
}

/** The designer's code, as built: fetched and compiled while the session and the definition are read. */
export interface DesignerCode {
  js: string[];
  css: string[];
}

/** Run by the inline script: starts the reads (and the designer's code) for the page being opened. */
export function startEarlyReads(pathname: string, designerCode: DesignerCode): void {
  const reads: EarlyReads = new Map();
  const at = Date.now();
  for (const url of earlyReadUrls(pathname)) reads.set(url, { at, response: fetch(url, { credentials: 'same-origin' }) });
  globalThis.__jicengEarlyReads = reads;
  if (!designerRoute(pathname)) return;
  for (const href of designerCode.css) addLink('stylesheet', href);
  for (const href of designerCode.js) addLink('modulepreload', href);
}

function addLink(rel: string, href: string): void {
  const link = document.createElement('link');
  link.rel = rel;
  link.href = href;
  if (rel === 'modulepreload') link.crossOrigin = '';
  document.head.appendChild(link);
}
