/**
 * The method and path of every endpoint the web app calls — plain data without zod, so the web
 * app's first chunk stays small. `api/endpoints.ts` adds the schemas to each; the server registers
 * its routes at these paths.
 */
export const ROUTES = {
  login: { method: 'POST', path: '/api/auth/login' },
  logout: { method: 'POST', path: '/api/auth/logout' },
  me: { method: 'GET', path: '/api/auth/me' },
  users: { method: 'GET', path: '/api/users' },
  orgUnits: { method: 'GET', path: '/api/org/units' },
  roles: { method: 'GET', path: '/api/roles' },
  definitions: { method: 'GET', path: '/api/definitions' },
  createDefinition: { method: 'POST', path: '/api/definitions' },
  startable: { method: 'GET', path: '/api/definitions/startable' },
  versions: { method: 'GET', path: '/api/definitions/:key/versions' },
  version: { method: 'GET', path: '/api/definitions/:key/versions/:version' },
  draft: { method: 'GET', path: '/api/definitions/:key/draft' },
  saveDraft: { method: 'PUT', path: '/api/definitions/:key/draft' },
  validate: { method: 'POST', path: '/api/definitions/validate' },
  publish: { method: 'POST', path: '/api/definitions/:key/publish' },
  diff: { method: 'GET', path: '/api/definitions/:key/diff' },
  importDefinition: { method: 'POST', path: '/api/definitions/import' },
  migrationPreview: { method: 'POST', path: '/api/definitions/:key/migrations/preview' },
  migrationApply: { method: 'POST', path: '/api/definitions/:key/migrations/apply' },
  migrationRuns: { method: 'GET', path: '/api/definitions/:key/migrations' },
  playStart: { method: 'POST', path: '/api/play' },
  play: { method: 'GET', path: '/api/play/:playId' },
  playAct: { method: 'POST', path: '/api/play/:playId/act' },
  playAdvance: { method: 'POST', path: '/api/play/:playId/advance' },
  playEnd: { method: 'DELETE', path: '/api/play/:playId' },
  startCase: { method: 'POST', path: '/api/cases' },
  cases: { method: 'GET', path: '/api/cases' },
  caseDetail: { method: 'GET', path: '/api/cases/:caseId' },
  /** Server-Sent Events, read with EventSource (no JSON answer, so not in ENDPOINTS). */
  caseEvents: { method: 'GET', path: '/api/cases/:caseId/events' },
  inbox: { method: 'GET', path: '/api/inbox' },
  task: { method: 'GET', path: '/api/tasks/:caseId/:taskId' },
  eligibleUsers: { method: 'GET', path: '/api/cases/:caseId/tasks/:taskId/eligible-users' },
  delegations: { method: 'GET', path: '/api/delegations' },
  createDelegation: { method: 'POST', path: '/api/delegations' },
  revokeDelegation: { method: 'DELETE', path: '/api/delegations/:id' },
  delegateCandidates: { method: 'GET', path: '/api/delegations/candidates' },
  board: { method: 'GET', path: '/api/monitor/board' },
  overdue: { method: 'GET', path: '/api/monitor/overdue' },
  stuck: { method: 'GET', path: '/api/monitor/stuck' },
  processHeat: { method: 'GET', path: '/api/monitor/process/:key' },
  charts: { method: 'GET', path: '/api/monitor/charts' },
  bulkPreview: { method: 'POST', path: '/api/monitor/bulk/preview' },
  bulkApply: { method: 'POST', path: '/api/monitor/bulk/apply' },
  bulkPeople: { method: 'POST', path: '/api/monitor/bulk/people' },
  cadences: { method: 'GET', path: '/api/monitor/cadences' },
  pauseCadence: { method: 'POST', path: '/api/monitor/cadences/:scheduleId/pause' },
  resumeCadence: { method: 'POST', path: '/api/monitor/cadences/:scheduleId/resume' },
  triggerCadence: { method: 'POST', path: '/api/monitor/cadences/:scheduleId/trigger' },
  villageLights: { method: 'GET', path: '/api/monitor/village-lights' },
  reportingLapses: { method: 'GET', path: '/api/monitor/reporting-lapses' },
  report: { method: 'GET', path: '/api/reports/cases' },
  reportExport: { method: 'GET', path: '/api/reports/cases/export' },
  projectionStatus: { method: 'GET', path: '/api/ops/projection' },
  reconcile: { method: 'POST', path: '/api/ops/projection/reconcile' },
  notifications: { method: 'GET', path: '/api/notifications' },
  markRead: { method: 'POST', path: '/api/notifications/:id/read' },
  notificationGroups: { method: 'GET', path: '/api/notifications/groups' },
  markAllRead: { method: 'POST', path: '/api/notifications/read-all' },
  notificationSettings: { method: 'GET', path: '/api/me/notification-settings' },
  saveNotificationSettings: { method: 'PUT', path: '/api/me/notification-settings' },
  caseDocuments: { method: 'GET', path: '/api/cases/:caseId/documents' },
  caseDocument: { method: 'GET', path: '/api/cases/:caseId/documents/:documentId' },
} as const;

/** Not JSON: the print page (text/html) and the PDF of a document — links the web app opens, not client calls. */
export const LINKS = {
  documentHtml: { method: 'GET', path: '/api/cases/:caseId/documents/:documentId/html' },
  documentPdf: { method: 'GET', path: '/api/cases/:caseId/documents/:documentId/pdf' },
} as const;

export type RouteName = keyof typeof ROUTES;

/** Values the web app reads from its URL, checked without zod. */
export const HEALTH_LEVELS = ['green', 'yellow', 'red'] as const;
export const DUE_WINDOWS = ['overdue', 'today', 'week'] as const;
