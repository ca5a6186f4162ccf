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
  CreateDefinitionBody,
  CreateDefinitionResponse,
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
import { PlayActBody, PlayAdvanceBody, PlayIdParams, PlayStartBody, PlayViewSchema } from './play.js';
import { MigrationApplyBody, MigrationApplyResponse, MigrationPreviewBody, MigrationPreviewResponse, MigrationRunsResponse } from './migrations.js';
import { EligibleUsersQuery, EligibleUsersResponse, InboxQuery, InboxResponse, TaskDetailSchema } from './inbox.js';
import { CreateDelegationResponse, DelegationBody, DelegationsResponse, PeopleResponse, RuleIdParams } from './hand-off.js';
import {
  BoardQuery,
  BoardSchema,
  BulkApplyResponse,
  BulkBody,
  BulkPeopleBody,
  BulkPeopleResponse,
  BulkPreviewResponse,
  CadenceReasonBody,
  CadencesResponse,
  LapsesQuery,
  LapsesResponse,
  ScheduleParams,
  UnitQuery,
  VillageLightsResponse,
  ChartsSchema,
  OverdueQuery,
  OverdueResponse,
  ProcessHeatQuery,
  ProjectionStatusSchema,
  ReconcileBody,
  ReconcileResponse,
  ReportExportQuery,
  ReportQuerySchema,
  ReportSchema,
  ProcessHeatResponse,
  StuckQuery,
  StuckResponse,
} from './monitor.js';
import {
  MarkAllReadBody,
  MarkAllReadResponse,
  NotificationGroupsQuery,
  NotificationGroupsResponse,
  NotificationSettingsBody,
  NotificationSettingsResponse,
  NotificationsQuery,
  NotificationsResponse,
} from './notifications.js';
import { CaseDocumentSchema, CaseDocumentsResponse, DocumentParams } from './documents.js';
import { OrgUnitSchema, RoleInfoSchema } from './org.js';
import { ROUTES } from './routes.js';

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
  login: endpoint({ ...ROUTES.login, body: LoginBody, status: 200, response: LoginResponse }),
  logout: endpoint({ ...ROUTES.logout, status: 204, response: NoContent }),
  me: endpoint({ ...ROUTES.me, status: 200, response: MeSchema }),

  users: endpoint({ ...ROUTES.users, query: z.object({ orgUnit: UnitId.optional() }), status: 200, response: z.array(UserSchema) }),
  orgUnits: endpoint({ ...ROUTES.orgUnits, status: 200, response: z.array(OrgUnitSchema) }),
  roles: endpoint({ ...ROUTES.roles, status: 200, response: z.array(RoleInfoSchema) }),

  definitions: endpoint({ ...ROUTES.definitions, status: 200, response: z.array(DefinitionListItemSchema) }),
  createDefinition: endpoint({ ...ROUTES.createDefinition, body: CreateDefinitionBody, status: 201, response: CreateDefinitionResponse }),
  startable: endpoint({ ...ROUTES.startable, status: 200, response: z.array(StartableDefinitionSchema) }),
  versions: endpoint({ ...ROUTES.versions, params: KeyParams, status: 200, response: z.array(VersionInfoSchema) }),
  version: endpoint({ ...ROUTES.version, params: VersionParams, status: 200, response: DefinitionOutSchema }),
  draft: endpoint({ ...ROUTES.draft, params: KeyParams, status: 200, response: DefinitionOutSchema }),
  saveDraft: endpoint({ ...ROUTES.saveDraft, params: KeyParams, body: DefinitionBody, status: 200, response: SaveDraftResponse }),
  validate: endpoint({ ...ROUTES.validate, body: DefinitionBody, status: 200, response: ValidateResponse }),
  publish: endpoint({ ...ROUTES.publish, params: KeyParams, body: PublishBody, status: 200, response: PublishResponse }),
  diff: endpoint({ ...ROUTES.diff, params: KeyParams, query: DiffQuery, status: 200, response: DefinitionDiffSchema }),
  importDefinition: endpoint({ ...ROUTES.importDefinition, body: DefinitionBody, status: 200, response: ImportResponse }),
  migrationPreview: endpoint({ ...ROUTES.migrationPreview, params: KeyParams, body: MigrationPreviewBody, status: 200, response: MigrationPreviewResponse }),
  migrationApply: endpoint({ ...ROUTES.migrationApply, params: KeyParams, body: MigrationApplyBody, status: 200, response: MigrationApplyResponse }),
  migrationRuns: endpoint({ ...ROUTES.migrationRuns, params: KeyParams, status: 200, response: MigrationRunsResponse }),

  playStart: endpoint({ ...ROUTES.playStart, body: PlayStartBody, status: 201, response: PlayViewSchema }),
  play: endpoint({ ...ROUTES.play, params: PlayIdParams, status: 200, response: PlayViewSchema }),
  playAct: endpoint({ ...ROUTES.playAct, params: PlayIdParams, body: PlayActBody, status: 200, response: PlayViewSchema }),
  playAdvance: endpoint({ ...ROUTES.playAdvance, params: PlayIdParams, body: PlayAdvanceBody, status: 200, response: PlayViewSchema }),
  playEnd: endpoint({ ...ROUTES.playEnd, params: PlayIdParams, status: 204, response: NoContent }),

  startCase: endpoint({ ...ROUTES.startCase, body: StartCaseBody, status: 201, response: StartCaseResponse }),
  cases: endpoint({ ...ROUTES.cases, query: CaseListQuery, status: 200, response: CaseListResponse }),
  caseDetail: endpoint({ ...ROUTES.caseDetail, params: CaseParams, status: 200, response: CaseDetailSchema }),

  inbox: endpoint({ ...ROUTES.inbox, query: InboxQuery, status: 200, response: InboxResponse }),
  task: endpoint({ ...ROUTES.task, params: TaskParams, status: 200, response: TaskDetailSchema }),
  eligibleUsers: endpoint({ ...ROUTES.eligibleUsers, params: TaskParams, query: EligibleUsersQuery, status: 200, response: EligibleUsersResponse }),
  delegations: endpoint({ ...ROUTES.delegations, status: 200, response: DelegationsResponse }),
  createDelegation: endpoint({ ...ROUTES.createDelegation, body: DelegationBody, status: 201, response: CreateDelegationResponse }),
  revokeDelegation: endpoint({ ...ROUTES.revokeDelegation, params: RuleIdParams, status: 204, response: NoContent }),
  delegateCandidates: endpoint({ ...ROUTES.delegateCandidates, status: 200, response: PeopleResponse }),

  board: endpoint({ ...ROUTES.board, query: BoardQuery, status: 200, response: BoardSchema }),
  overdue: endpoint({ ...ROUTES.overdue, query: OverdueQuery, status: 200, response: OverdueResponse }),
  stuck: endpoint({ ...ROUTES.stuck, query: StuckQuery, status: 200, response: StuckResponse }),
  processHeat: endpoint({ ...ROUTES.processHeat, params: KeyParams, query: ProcessHeatQuery, status: 200, response: ProcessHeatResponse }),
  charts: endpoint({ ...ROUTES.charts, status: 200, response: ChartsSchema }),
  bulkPreview: endpoint({ ...ROUTES.bulkPreview, body: BulkBody, status: 200, response: BulkPreviewResponse }),
  bulkApply: endpoint({ ...ROUTES.bulkApply, body: BulkBody, status: 200, response: BulkApplyResponse }),
  bulkPeople: endpoint({ ...ROUTES.bulkPeople, body: BulkPeopleBody, status: 200, response: BulkPeopleResponse }),

  cadences: endpoint({ ...ROUTES.cadences, query: UnitQuery, status: 200, response: CadencesResponse }),
  pauseCadence: endpoint({ ...ROUTES.pauseCadence, params: ScheduleParams, body: CadenceReasonBody, status: 204, response: NoContent }),
  resumeCadence: endpoint({ ...ROUTES.resumeCadence, params: ScheduleParams, body: CadenceReasonBody, status: 204, response: NoContent }),
  triggerCadence: endpoint({ ...ROUTES.triggerCadence, params: ScheduleParams, status: 204, response: NoContent }),
  villageLights: endpoint({ ...ROUTES.villageLights, query: UnitQuery, status: 200, response: VillageLightsResponse }),
  reportingLapses: endpoint({ ...ROUTES.reportingLapses, query: LapsesQuery, status: 200, response: LapsesResponse }),
  report: endpoint({ ...ROUTES.report, query: ReportQuerySchema, status: 200, response: ReportSchema }),
  /** A file (CSV or XLSX), downloaded by a link rather than called. */
  reportExport: endpoint({ ...ROUTES.reportExport, query: ReportExportQuery, status: 200, response: z.string() }),
  projectionStatus: endpoint({ ...ROUTES.projectionStatus, status: 200, response: ProjectionStatusSchema }),
  reconcile: endpoint({ ...ROUTES.reconcile, body: ReconcileBody, status: 200, response: ReconcileResponse }),

  notifications: endpoint({ ...ROUTES.notifications, query: NotificationsQuery, status: 200, response: NotificationsResponse }),
  markRead: endpoint({ ...ROUTES.markRead, params: z.object({ id: z.string().regex(/^\d{1,18}$/) }), status: 204, response: NoContent }),
  notificationGroups: endpoint({ ...ROUTES.notificationGroups, query: NotificationGroupsQuery, status: 200, response: NotificationGroupsResponse }),
  markAllRead: endpoint({ ...ROUTES.markAllRead, body: MarkAllReadBody, status: 200, response: MarkAllReadResponse }),
  notificationSettings: endpoint({ ...ROUTES.notificationSettings, status: 200, response: NotificationSettingsResponse }),
  saveNotificationSettings: endpoint({ ...ROUTES.saveNotificationSettings, body: NotificationSettingsBody, status: 200, response: NotificationSettingsResponse }),
  caseDocuments: endpoint({ ...ROUTES.caseDocuments, params: CaseParams, status: 200, response: CaseDocumentsResponse }),
  caseDocument: endpoint({ ...ROUTES.caseDocument, params: DocumentParams, status: 200, response: CaseDocumentSchema }),
} as const;

/** Task and case updates (workflows/messages/updates.ts) answer with the fresh state. */
export const UpdateResponse = StateResponse;

export type EndpointName = keyof typeof ENDPOINTS;
/** What an endpoint answers, as the web app sees it. */
export type ResponseOf<N extends EndpointName> = z.output<(typeof ENDPOINTS)[N]['response']>;
