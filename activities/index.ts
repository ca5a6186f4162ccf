/**
 * The activity factory. Workflows import only the types (./types.js); the worker calls
 * `createActivities(deps)` with the directory, notifier and clock it wants — tests pass memory
 * implementations, the dev worker a directory file (env JICENG_DIRECTORY).
 */
import type { Activities, BallotBoxStore, Directory, Notifier } from './types.js';
import { computeSchedule } from './schedule.js';
import { resolveAssignees } from './assignees.js';
import { createFileDirectory, createMemoryDirectory } from './directory.js';
import { createMemoryNotifier } from './notifier.js';
import { renderNotice } from './notice.js';
import { noticeFacts } from './notice-facts.js';
import { storedNotice, type NoticeStore } from './notice-store.js';
import { createCalloutRegistry, type CalloutRegistry } from './callout.js';
import { ScheduleError } from './schedule.js';
import { activityFailure } from './errors.js';
import { defaultHolidayCalendar } from './holiday-file.js';
import type { HolidayCalendar } from './business-calendar.js';

export interface ActivityDeps {
  directory: Directory;
  notifier: Notifier;
  now?: () => Date;
  noticeStore?: NoticeStore;
  /** Named integrations for `service` nodes; default: record and return {recorded: true}. */
  callouts?: CalloutRegistry;
  /** Holiday arrangements; default: chinese-days, plus the file named by env JICENG_HOLIDAYS. */
  calendar?: HolidayCalendar;
  /** The ballot box of secret ballots (the app database); without it a secret ballot cannot be counted. */
  ballotBox?: BallotBoxStore;
}

/** The directory named by env JICENG_DIRECTORY, else an empty one. */
export function defaultDirectory(env: NodeJS.ProcessEnv = process.env): Directory {
  const path = env.JICENG_DIRECTORY;
  return path ? createFileDirectory(path) : createMemoryDirectory({});
}

export function createActivities(deps: Partial<ActivityDeps> = {}): Activities {
  const directory = deps.directory ?? defaultDirectory();
  const notifier = deps.notifier ?? createMemoryNotifier();
  const now = deps.now ?? (() => new Date());
  const callouts = deps.callouts ?? createCalloutRegistry({}, now);
  const noticeStore = deps.noticeStore;
  const calendar = deps.calendar ?? defaultHolidayCalendar();
  return {
    async computeSchedule(req) {
      try {
        return computeSchedule(req, calendar);
      } catch (err) {
        if (err instanceof ScheduleError) throw activityFailure('INVALID_SCHEDULE', err.message);
        throw err;
      }
    },
    async resolveAssignees(req) {
      const resolved = await resolveAssignees(directory, req);
      if (!req.delegationsFor) return resolved;
      // 委托规则: who acts for an assignee who is away (never for themselves, never in a chain).
      const rules = directory.activeDelegations ? await directory.activeDelegations(resolved.userIds, req.delegationsFor.procedure, now()) : [];
      return { ...resolved, delegations: rules.filter((r) => r.to !== r.from && resolved.userIds.includes(r.from)) };
    },
    async notify(req) {
      await notifier.send(req);
    },
    async generateNotice(req) {
      const issuedAt = now();
      const result = renderNotice(req, issuedAt, await noticeFacts(req, directory, calendar));
      // First issue wins: a retried activity never changes a stored document (notice-store.ts).
      if (noticeStore) await noticeStore.save(storedNotice(req, result, issuedAt));
      // Only the id and text go into the case's history; the body lives in the notice store.
      return { documentId: result.documentId, text: result.text };
    },
    async callout(req) {
      return callouts.call(req);
    },
    async closeBallotBox(req) {
      if (!deps.ballotBox) throw activityFailure('NO_BALLOT_BOX');
      return deps.ballotBox.close(req);
    },
  };
}

export { createMemoryDirectory, createFileDirectory, directoryMap, DirectoryFileSchema } from './directory.js';
export type { DirectoryFile } from './directory.js';
export { createMemoryNotifier } from './notifier.js';
export type { MemoryNotifier } from './notifier.js';
export { createMemoryNoticeStore } from './notice-store.js';
export type { NoticeStore, StoredNotice, MemoryNoticeStore } from './notice-store.js';
export { createCalloutRegistry } from './callout.js';
export type { CalloutRegistry, CalloutHandler, CalloutRecord, CalloutRequest } from './callout.js';
export { computeSchedule, DEFAULT_WARN_AT_FRACTION } from './schedule.js';
export { previewDueDate, DuePreviewError, type DuePreview, type DuePreviewInput } from './due-preview.js';
export { resolveAssignees, scopeOrgUnit } from './assignees.js';
export { renderNotice, noticeDocumentId, NOTICE_TEMPLATES, formatChineseDate, caseNumber, documentText } from './notice.js';
export type { RenderedNotice, NoticeFacts } from './notice.js';
export { noticeFacts, authorityName } from './notice-facts.js';
export {
  addPeriod,
  subtractPeriod,
  isWorkingDay,
  describeDay,
  shanghaiDate,
  endOfShanghaiDay,
  isYearPublished,
  unpublishedYearWarning,
  workingDaysBetween,
  createHolidayCalendar,
  DEFAULT_HOLIDAY_CALENDAR,
} from './business-calendar.js';
export { loadHolidayFile, defaultHolidayCalendar, HolidayFileSchema } from './holiday-file.js';
export type { HolidayCalendar, DayInfo, DayKind, PeriodResult } from './business-calendar.js';
export { ACTIVITY_ERRORS, activityFailure } from './errors.js';
export type { ActivityErrorCode } from './errors.js';
export type {
  Activities,
  Directory,
  Notifier,
  NotifyRequest,
  NotificationKind,
  ScheduleRequest,
  ScheduleResult,
  ResolveAssigneesRequest,
  ResolveAssigneesResult,
  ActiveDelegation,
  BallotBoxRequest,
  BallotBoxResult,
  BallotBoxStore,
  NoticeRequest,
  NoticeResult,
} from './types.js';
export { createMemoryLapseLedger, reportingLapseHandler, lapseSanction, LAPSE_KINDS, LAPSE_LABEL } from './reporting-lapses.js';
export type { LapseLedger, LapseEntry, LapseKind } from './reporting-lapses.js';
