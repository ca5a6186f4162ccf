/**
 * The one HTTP client. Every error becomes an ApiError carrying the server's zh-CN message and
 * its field issues; a 401 sends the user to the login page.
 */
import type { z } from 'zod';
import type { ApiIssue, ENDPOINTS, Endpoint, ResolveIncidentBody, UpdateResponse } from '../../../api/index.js';
// Paths without zod (api/routes.ts): the schemas type this client but stay out of the first chunk.
import { ROUTES } from '../../../api/routes.js';
import type { CaseUpdateBody, CaseUpdateSlug, TaskUpdateBody, TaskUpdateSlug } from '../../../workflows/messages/updates.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};
export function setUnauthorizedHandler(fn: UnauthorizedHandler): void {
  onUnauthorized = fn;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return readAnswer<T>(url, response);
}

/** The answer of a request to `url` (also one started before the app loaded, early-reads.ts). */
export async function readAnswer<T>(url: string, response: Promise<Response>): Promise<T> {
  let res: Response;
  try {
    res = await response;
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const e = (json ?? {}) as { code?: string; message?: string; issues?: ApiIssue[] };
    const err = new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? `请求失败（${res.status}）`, e.issues ?? []);
    if (res.status === 401 && !url.endsWith('/api/auth/login')) onUnauthorized();
    throw err;
  }
  return json as T;
}

/** The raw verbs, for what the contract does not name (a prefetched URL). Prefer `client`. */
export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
};

type Out<E extends Endpoint> = z.output<E['response']>;
type ParamsOf<E extends Endpoint> = E['params'] extends z.ZodObject ? z.input<E['params']> : never;
type QueryOf<E extends Endpoint> = E['query'] extends z.ZodObject ? Partial<z.input<E['query']>> : never;
type BodyOf<E extends Endpoint> = E['body'] extends z.ZodType ? z.input<E['body']> : never;

/** The URL of an endpoint: `:name` segments filled in (encoded), the query appended. */
export function urlOf(e: { path: string }, params?: Record<string, string | number>, query?: Record<string, string | number | boolean | undefined | null>): string {
  const path = e.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
  return path + (query ? qs(query) : '');
}

type Ep<N extends keyof typeof ENDPOINTS> = (typeof ENDPOINTS)[N];

/** Calls one endpoint of the contract (api/endpoints.ts); the answer is typed by its response schema. */
export function call<N extends keyof typeof ENDPOINTS>(name: N, input: { params?: ParamsOf<Ep<N>>; query?: QueryOf<Ep<N>>; body?: BodyOf<Ep<N>> } = {}): Promise<Out<Ep<N>>> {
  const route = ROUTES[name];
  const url = urlOf(route, input.params as Record<string, string> | undefined, input.query as Record<string, string> | undefined);
  return request<Out<Ep<N>>>(route.method, url, route.method === 'GET' ? undefined : (input.body ?? (route.method === 'POST' ? {} : undefined)));
}

type Q<N extends keyof typeof ENDPOINTS> = QueryOf<(typeof ENDPOINTS)[N]>;
type B<N extends keyof typeof ENDPOINTS> = BodyOf<(typeof ENDPOINTS)[N]>;

/** One function per endpoint the web app calls, typed by the contract (api/). */
export const client = {
  login: (body: B<'login'>) => call('login', { body }),
  logout: () => call('logout'),
  me: () => call('me'),
  users: () => call('users'),
  orgUnits: () => call('orgUnits'),
  definitions: () => call('definitions'),
  createDefinition: (body: B<'createDefinition'>) => call('createDefinition', { body }),
  startable: () => call('startable'),
  versions: (key: string) => call('versions', { params: { key } }),
  version: (key: string, version: number | string) => call('version', { params: { key, version } }),
  saveDraft: (key: string, definition: B<'saveDraft'>) => call('saveDraft', { params: { key }, body: definition }),
  publish: (key: string, body: B<'publish'>) => call('publish', { params: { key }, body }),
  diff: (key: string, query: Q<'diff'>) => call('diff', { params: { key }, query }),
  importDefinition: (definition: B<'importDefinition'>) => call('importDefinition', { body: definition }),
  migrationPreview: (key: string, body: B<'migrationPreview'>) => call('migrationPreview', { params: { key }, body }),
  migrationApply: (key: string, body: B<'migrationApply'>) => call('migrationApply', { params: { key }, body }),
  migrationRuns: (key: string) => call('migrationRuns', { params: { key } }),
  playStart: (body: B<'playStart'>) => call('playStart', { body }),
  play: (playId: string) => call('play', { params: { playId } }),
  playAct: (playId: string, body: B<'playAct'>) => call('playAct', { params: { playId }, body }),
  playAdvance: (playId: string, by: B<'playAdvance'>['by']) => call('playAdvance', { params: { playId }, body: { by } }),
  playEnd: (playId: string) => call('playEnd', { params: { playId } }),
  startCase: (body: B<'startCase'>) => call('startCase', { body }),
  cases: (query: Q<'cases'>) => call('cases', { query }),
  caseDetail: (caseId: string) => call('caseDetail', { params: { caseId } }),
  inbox: (query: Q<'inbox'>) => call('inbox', { query }),
  task: (caseId: string, taskId: string) => call('task', { params: { caseId, taskId } }),
  eligibleUsers: (caseId: string, taskId: string, purpose: 'transfer' | 'delegate' | 'addSigner' | 'removeSigner') => call('eligibleUsers', { params: { caseId, taskId }, query: { for: purpose } }),
  delegations: () => call('delegations'),
  createDelegation: (body: B<'createDelegation'>) => call('createDelegation', { body }),
  revokeDelegation: (id: string) => call('revokeDelegation', { params: { id } }),
  delegateCandidates: () => call('delegateCandidates'),
  /** A task update of the table (workflows/messages/updates.ts) at its slug. */
  taskUpdate: <S extends TaskUpdateSlug>(caseId: string, taskId: string, slug: S, body: TaskUpdateBody<S>) =>
    request<z.output<typeof UpdateResponse>>('POST', `${urlOf(ROUTES.task, { caseId, taskId })}/${slug}`, body),
  /** A case update of the table at its slug. */
  caseUpdate: <S extends CaseUpdateSlug>(caseId: string, slug: S, body: S extends 'resolve-incident' ? z.input<typeof ResolveIncidentBody> : CaseUpdateBody<S>) =>
    request<z.output<typeof UpdateResponse>>('POST', `${urlOf(ROUTES.caseDetail, { caseId })}/${slug}`, body),
  board: () => call('board'),
  overdue: () => call('overdue'),
  stuck: (query: Q<'stuck'>) => call('stuck', { query }),
  processHeat: (key: string, query: Q<'processHeat'>) => call('processHeat', { params: { key }, query }),
  charts: () => call('charts'),
  bulkPreview: (body: B<'bulkPreview'>) => call('bulkPreview', { body }),
  bulkApply: (body: B<'bulkApply'>) => call('bulkApply', { body }),
  bulkPeople: (body: B<'bulkPeople'>) => call('bulkPeople', { body }),
  cadences: () => call('cadences'),
  pauseCadence: (scheduleId: string, body: B<'pauseCadence'>) => call('pauseCadence', { params: { scheduleId }, body }),
  resumeCadence: (scheduleId: string, body: B<'resumeCadence'>) => call('resumeCadence', { params: { scheduleId }, body }),
  triggerCadence: (scheduleId: string) => call('triggerCadence', { params: { scheduleId } }),
  villageLights: () => call('villageLights'),
  reportingLapses: () => call('reportingLapses'),
  notifications: () => call('notifications'),
  markRead: (id: string) => call('markRead', { params: { id } }),
  notificationGroups: () => call('notificationGroups'),
  markAllRead: (caseId?: string) => call('markAllRead', { body: caseId ? { caseId } : {} }),
  notificationSettings: () => call('notificationSettings'),
  saveNotificationSettings: (body: B<'saveNotificationSettings'>) => call('saveNotificationSettings', { body }),
  caseDocuments: (caseId: string) => call('caseDocuments', { params: { caseId } }),
};

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Field errors keyed by the dotted issue path (e.g. "data.amount"). */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) {
    for (const i of err.issues) out[i.path.join('.')] = i.message;
  }
  return out;
}
