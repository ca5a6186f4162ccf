/** JSON over HTTP for the channel clients: a timeout, and failures typed as retryable or not. */

export class ChannelError extends Error {
  constructor(
    message: string,
    /** False when trying again cannot help (bad configuration, a recipient without a contact, a refused signature). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

const TIMEOUT_MS = 10_000;

/** A request answered with JSON; network errors, timeouts and 5xx are retryable, other non-2xx not. */
export async function requestJson<T>(url: string, init: { method?: 'GET' | 'POST'; json?: unknown; form?: URLSearchParams } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET'),
      headers: init.json !== undefined ? { 'content-type': 'application/json;charset=utf-8' } : init.form ? { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' } : {},
      body: init.json !== undefined ? JSON.stringify(init.json) : init.form?.toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new ChannelError(`${new URL(url).host}: ${err instanceof Error ? err.message : String(err)}`, true);
  }
  const text = await res.text();
  if (!res.ok) throw new ChannelError(`${new URL(url).host}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status >= 500 || res.status === 429);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ChannelError(`${new URL(url).host}: not JSON: ${text.slice(0, 200)}`, true);
  }
}

/** An access token fetched when missing or expired (5 minutes early) and fetched again when refused. */
export function tokenCache(fetchToken: () => Promise<{ token: string; expiresInS: number }>) {
  let cached: { token: string; until: number } | undefined;
  return {
    async get(): Promise<string> {
      if (cached && cached.until > Date.now()) return cached.token;
      const t = await fetchToken();
      cached = { token: t.token, until: Date.now() + Math.max(0, t.expiresInS - 300) * 1000 };
      return t.token;
    },
    invalidate(): void {
      cached = undefined;
    },
  };
}
