/**
 * Every endpoint the web app calls: method, path, and the schemas of its parameters, query, body
 * and answer. The server registers its routes with these schemas (so what it checks and documents
 * is what the client is typed by); the web app's client (designer/src/lib/api.ts) has one function
 * per entry, typed from them.
 */
import { z } from 'zod';
import { IdSchema } from '../dsl/schema.js';
import { LoginBody, LoginResponse, MeSchema, UserSchema } from './auth.js';
import {
  CaseDetailSchema,
  CaseListQuery,
  CaseListResponse,
  StartCaseBody,
  StartCaseResponse,
  StateResponse,
} from './cases.js';
import { CaseIdParam, NoContent, TaskIdParam, UnitId, VersionNumber } from './common.js';
import {
  DefinitionBody,
  DefinitionDiffSchema,
  DefinitionListItemSchema,
  DefinitionOutSchema,
  ImportResponse,
  PublishBody,
  PublishResponse,
  SaveDraftResponse,
  StartableDefinitionSchema,
  ValidateResponse,
  VersionInfoSchema,
} from './definitions.js';
import { EligibleUsersQuery, EligibleUsersResponse, InboxQuery, InboxResponse, TaskDetailSchema } from './inbox.js';
import {
  BoardQuery,
  BoardSchema,
  BulkApplyResponse,
  BulkBody,
  BulkPreviewResponse,
  CadenceReasonBody,
  CadencesResponse,
  LapsesQuery,
  LapsesResponse,
  ScheduleParams,
  UnitQuery,
  VillageLightsResponse,
  ChartsSchema,
  OverdueResponse,
  ProcessHeatQuery,
  ProcessHeatResponse,
  StuckQuery,
  StuckResponse,
} from './monitor.js';
import { NotificationsQuery, NotificationsResponse } from './notifications.js';
import { OrgUnitSchema, RoleInfoSchema } from './org.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint {
  readonly method: Method;
  /** Fastify-style path: `/api/cases/:caseId`. */
  readonly path: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** The success status and its answer. */
  readonly status: number;
  readonly response: z.ZodType;
}

const endpoint = <const E extends Endpoint>(e: E) => e;

export const KeyParams = z.object({ key: IdSchema });
export const VersionParams = z.object({ key: IdSchema, version: VersionNumber });
export const CaseParams = z.object({ caseId: CaseIdParam });
export const TaskParams = z.object({ caseId: CaseIdParam, taskId: TaskIdParam });
export const DiffQuery = z.object({ from: VersionNumber, to: z.union([z.literal('draft'), VersionNumber]) });

export const ENDPOINTS = {
  login: endpoint({ method: 'POST', path: '/api/auth/login', body: LoginBody, status: 200, response: LoginResponse }),
  logout: endpoint({ method: 'POST', path: '/api/auth/logout', status: 204, response: NoContent }),
  me: endpoint({ method: 'GET', path: '/api/auth/me', status: 200, response: MeSchema }),

  users: endpoint({ method: 'GET', path: '/api/users', query: z.object({ orgUnit: UnitId.optional() }), status: 200, response: z.array(UserSchema) }),
  orgUnits: endpoint({ method: 'GET', path: '/api/org/units', status: 200, response: z.array(OrgUnitSchema) }),
  roles: endpoint({ method: 'GET', path: '/api/roles', status: 200, response: z.array(RoleInfoSchema) }),

  definitions: endpoint({ method: 'GET', path: '/api/definitions', status: 200, response: z.array(DefinitionListItemSchema) }),
  startable: endpoint({ method: 'GET', path: '/api/definitions/startable', status: 200, response: z.array(StartableDefinitionSchema) }),
  versions: endpoint({ method: 'GET', path: '/api/definitions/:key/versions', params: KeyParams, status: 200, response: z.array(VersionInfoSchema) }),
  version: endpoint({ method: 'GET', path: '/api/definitions/:key/versions/:version', params: VersionParams, status: 200, response: DefinitionOutSchema }),
  draft: endpoint({ method: 'GET', path: '/api/definitions/:key/draft', params: KeyParams, status: 200, response: DefinitionOutSchema }),
  saveDraft: endpoint({ method: 'PUT', path: '/api/definitions/:key/draft', params: KeyParams, body: DefinitionBody, status: 200, response: SaveDraftResponse }),
  validate: endpoint({ method: 'POST', path: '/api/definitions/validate', body: DefinitionBody, status: 200, response: ValidateResponse }),
  publish: endpoint({ method: 'POST', path: '/api/definitions/:key/publish', params: KeyParams, body: PublishBody, status: 200, response: PublishResponse }),
  diff: endpoint({ method: 'GET', path: '/api/definitions/:key/diff', params: KeyParams, query: DiffQuery, status: 200, response: DefinitionDiffSchema }),
  importDefinition: endpoint({ method: 'POST', path: '/api/definitions/import', body: DefinitionBody, status: 200, response: ImportResponse }),

  startCase: endpoint({ method: 'POST', path: '/api/cases', body: StartCaseBody, status: 201, response: StartCaseResponse }),
  cases: endpoint({ method: 'GET', path: '/api/cases', query: CaseListQuery, status: 200, response: CaseListResponse }),
  caseDetail: endpoint({ method: 'GET', path: '/api/cases/:caseId', params: CaseParams, status: 200, response: CaseDetailSchema }),

  inbox: endpoint({ method: 'GET', path: '/api/inbox', query: InboxQuery, status: 200, response: InboxResponse }),
  task: endpoint({ method: 'GET', path: '/api/tasks/:caseId/:taskId', params: TaskParams, status: 200, response: TaskDetailSchema }),
  eligibleUsers: endpoint({ method: 'GET', path: '/api/cases/:caseId/tasks/:taskId/eligible-users', params: TaskParams, query: EligibleUsersQuery, status: 200, response: EligibleUsersResponse }),

  board: endpoint({ method: 'GET', path: '/api/monitor/board', query: BoardQuery, status: 200, response: BoardSchema }),
  overdue: endpoint({ method: 'GET', path: '/api/monitor/overdue', status: 200, response: OverdueResponse }),
  stuck: endpoint({ method: 'GET', path: '/api/monitor/stuck', query: StuckQuery, status: 200, response: StuckResponse }),
  processHeat: endpoint({ method: 'GET', path: '/api/monitor/process/:key', params: KeyParams, query: ProcessHeatQuery, status: 200, response: ProcessHeatResponse }),
  charts: endpoint({ method: 'GET', path: '/api/monitor/charts', status: 200, response: ChartsSchema }),
  bulkPreview: endpoint({ method: 'POST', path: '/api/monitor/bulk/preview', body: BulkBody, status: 200, response: BulkPreviewResponse }),
  bulkApply: endpoint({ method: 'POST', path: '/api/monitor/bulk/apply', body: BulkBody, status: 200, response: BulkApplyResponse }),

  cadences: endpoint({ method: 'GET', path: '/api/monitor/cadences', query: UnitQuery, status: 200, response: CadencesResponse }),
  pauseCadence: endpoint({ method: 'POST', path: '/api/monitor/cadences/:scheduleId/pause', params: ScheduleParams, body: CadenceReasonBody, status: 204, response: NoContent }),
  resumeCadence: endpoint({ method: 'POST', path: '/api/monitor/cadences/:scheduleId/resume', params: ScheduleParams, body: CadenceReasonBody, status: 204, response: NoContent }),
  triggerCadence: endpoint({ method: 'POST', path: '/api/monitor/cadences/:scheduleId/trigger', params: ScheduleParams, status: 204, response: NoContent }),
  villageLights: endpoint({ method: 'GET', path: '/api/monitor/village-lights', query: UnitQuery, status: 200, response: VillageLightsResponse }),
  reportingLapses: endpoint({ method: 'GET', path: '/api/monitor/reporting-lapses', query: LapsesQuery, status: 200, response: LapsesResponse }),

  notifications: endpoint({ method: 'GET', path: '/api/notifications', query: NotificationsQuery, status: 200, response: NotificationsResponse }),
  markRead: endpoint({ method: 'POST', path: '/api/notifications/:id/read', params: z.object({ id: z.string().regex(/^\d{1,18}$/) }), status: 204, response: NoContent }),
} as const;

/** Task and case updates (workflows/messages/updates.ts) answer with the fresh state. */
export const UpdateResponse = StateResponse;

export type EndpointName = keyof typeof ENDPOINTS;
/** What an endpoint answers, as the web app sees it. */
export type ResponseOf<N extends EndpointName> = z.output<(typeof ENDPOINTS)[N]['response']>;
