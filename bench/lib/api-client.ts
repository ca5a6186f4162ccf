/** A small HTTP client for driving the API as real users do (cookie sessions). */
export interface Res<T = any> {
  status: number;
  body: T;
  ms: number;
}

export class ApiClient {
  constructor(
    readonly base: string,
    readonly cookie?: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<ApiClient> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      if (res.status === 200) {
        const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jc_session='));
        if (!cookie) throw new Error('login: no session cookie');
        return new ApiClient(base, cookie.split(';')[0]);
      }
      if (attempt >= 3 || res.status < 500) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async call<T = any>(method: string, path: string, body?: unknown, timeoutMs = 60_000): Promise<Res<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const t0 = performance.now();
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    const ms = performance.now() - t0;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, ms };
  }

  get<T = any>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown = {}) {
    return this.call<T>('POST', path, body);
  }
  put<T = any>(path: string, body: unknown = {}) {
    return this.call<T>('PUT', path, body);
  }
}
