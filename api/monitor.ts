/** The supervisor's board, overdue and stuck lists, process heat, charts, bulk actions. */
import { z } from 'zod';
import { IdSchema } from '../dsl/schema.js';
import { CaseSummarySchema, StuckCaseSchema } from './cases.js';
import { HealthSchema, PageSize, UnitId, VersionNumber } from './common.js';
import { OrgUnitSchema } from './org.js';
import { PersonChoiceSchema } from './hand-off.js';

/** The monitor board: open cases by org unit × procedure × light. */
export const BoardSchema = z.object({
  cells: z.array(z.object({ orgUnit: z.string(), orgUnitName: z.string(), procedure: z.string(), procedureTitle: z.string(), green: z.number(), yellow: z.number(), red: z.number() })),
  totals: z.object({ green: z.number(), yellow: z.number(), red: z.number() }),
  /** The units of the cells and their ancestors: the board's rows, grouped 镇 › 村 › 组. */
  units: z.array(OrgUnitSchema),
});
export type Board = z.infer<typeof BoardSchema>;
export type BoardCell = Board['cells'][number];

export const OverdueQuery = z.object({ pageSize: PageSize, pageToken: z.string().max(1000).optional() });
export const OverdueResponse = z.object({ items: z.array(CaseSummarySchema), nextPageToken: z.string().nullable(), total: z.number().nullable() });
export const StuckQuery = z.object({ days: z.coerce.number().min(0).max(365).default(7) });
export const BoardQuery = z.object({ procedure: IdSchema.optional(), orgUnit: UnitId.optional() });
export const StuckResponse = z.object({ items: z.array(StuckCaseSchema) });

export const ProcessHeatQuery = z.object({ version: VersionNumber.optional() });
export const ProcessNodeStatSchema = z.object({ nodeId: z.string(), openCases: z.number(), avgWaitHours: z.number(), maxWaitHours: z.number() });
export type ProcessNodeStat = z.infer<typeof ProcessNodeStatSchema>;
export const ProcessHeatResponse = z.object({ nodes: z.array(ProcessNodeStatSchema) });

export const ChartsSchema = z.object({
  byStage: z.array(z.object({ stage: z.string(), count: z.number() })),
  timePerNode: z.array(z.object({ procedure: z.string(), nodeId: z.string(), nodeName: z.string(), avgHours: z.number() })),
  overdueTrend: z.array(z.object({ date: z.string(), count: z.number() })),
});
export type Charts = z.infer<typeof ChartsSchema>;

export const BULK_OPS = ['reassign', 'urge', 'extend', 'escalate'] as const;
export type BulkOp = (typeof BULK_OPS)[number];
export const BulkBody = z.object({
  op: z.enum(BULK_OPS),
  caseIds: z.array(z.string().min(1).max(200)).max(1000).optional(),
  filter: z
    .object({ procedure: IdSchema.optional(), orgUnit: UnitId.optional(), health: HealthSchema.optional(), overdue: z.boolean().optional() })
    .optional(),
  fromUserId: z.string().min(1).max(64).optional(),
  toUserId: z.string().min(1).max(64).optional(),
  amount: z.number().int().min(1).max(365).optional(),
  unit: z.enum(['calendarDays', 'workingDays', 'hours']).optional(),
  reason: z.string().trim().min(1, { message: '请填写理由' }).max(2000),
});
export type BulkRequest = z.input<typeof BulkBody>;
export const BulkChangeSchema = z.object({ caseId: z.string(), taskId: z.string().nullable(), title: z.string(), before: z.string(), after: z.string() });
export type BulkChange = z.infer<typeof BulkChangeSchema>;
export const BulkPreviewResponse = z.object({ changes: z.array(BulkChangeSchema) });
export const BulkApplyResponse = z.object({ applied: z.number(), failed: z.array(z.object({ caseId: z.string(), message: z.string() })) });
/** 批量改派's pickers: which open tasks of the selection it would move (all of them, or those `fromUserId` holds). */
export const BulkPeopleBody = BulkBody.pick({ caseIds: true, filter: true, fromUserId: true });
export const BulkPeopleResponse = z.object({
  /** People eligible for every one of those tasks (the 改派给 picker). */
  items: z.array(PersonChoiceSchema),
  /** Who holds those tasks now (the 原办理人 picker). */
  holders: z.array(PersonChoiceSchema),
  /** How many tasks the reassignment would move. */
  tasks: z.number(),
});

// ── Village-level views (issue 17): statutory cadences, village warning lights, reporting lapses ──

export const CadenceSchema = z.object({
  scheduleId: z.string(),
  cadence: z.string(),
  cadenceName: z.string(),
  statute: z.string(),
  village: z.string(),
  villageName: z.string(),
  paused: z.boolean(),
  note: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  status: z.enum(['paused', 'missed', 'due', 'done', 'waiting']),
  caseId: z.string().nullable(),
  dueAt: z.string().nullable(),
});
export type Cadence = z.infer<typeof CadenceSchema>;
export const CadencesResponse = z.object({ items: z.array(CadenceSchema) });
export const UnitQuery = z.object({ orgUnit: UnitId.optional() });
export const ScheduleParams = z.object({ scheduleId: z.string().min(1).max(200) });
export const CadenceReasonBody = z.object({ reason: z.string().trim().min(1, { message: '请填写理由' }).max(500) });
export const EnsureCadencesResponse = z.object({ created: z.array(z.string()), updated: z.array(z.string()) });

export const VillageLightSchema = z.object({ village: z.string(), villageName: z.string(), level: HealthSchema, warnings: z.array(z.object({ caseId: z.string(), title: z.string(), level: HealthSchema, reason: z.string() })) });
export type VillageLight = z.infer<typeof VillageLightSchema>;
export const VillageLightsResponse = z.object({ items: z.array(VillageLightSchema) });

export const LapsesQuery = z.object({ year: z.coerce.number().int().min(2000, { message: '年份无效' }).max(2100, { message: '年份无效' }).optional() });
export const LapseSchema = z.object({ person: z.string(), personName: z.string(), late: z.number(), omitted: z.number(), concealed: z.number(), total: z.number() });
export type Lapse = z.infer<typeof LapseSchema>;
export const LapsesResponse = z.object({ year: z.number(), items: z.array(LapseSchema) });

// ── The report (统计报表) and the read model's status (issue 15) ──

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });
export const ReportQuerySchema = z.object({ from: Day.optional(), to: Day.optional(), procedure: IdSchema.optional(), orgUnit: UnitId.optional() });
export const ReportExportQuery = ReportQuerySchema.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx'), section: z.enum(['units', 'steps', 'handlers']).default('units') });

/** The report of a period: per village and procedure, per step, per handler. */
export const ReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  units: z.array(
    z.object({
      village: z.string(),
      villageName: z.string(),
      township: z.string().nullable(),
      townshipName: z.string().nullable(),
      procedure: z.string(),
      procedureTitle: z.string(),
      opened: z.number(),
      closed: z.number(),
      overdue: z.number(),
      overdueRate: z.number().nullable(),
    }),
  ),
  steps: z.array(z.object({ procedure: z.string(), procedureTitle: z.string(), nodeId: z.string(), nodeName: z.string(), done: z.number(), medianHours: z.number().nullable(), p90Hours: z.number().nullable(), overdue: z.number() })),
  handlers: z.array(z.object({ userId: z.string(), userName: z.string(), done: z.number(), medianHours: z.number().nullable(), p90Hours: z.number().nullable(), overdue: z.number() })),
});
export type Report = z.infer<typeof ReportSchema>;
/** The time columns of a step or a handler row. */
export type ReportTimeRow = Pick<Report['steps'][number], 'done' | 'medianHours' | 'p90Hours' | 'overdue'>;

/** What the read model's reconciler did lately, and how far behind the workflows the model is. */
export const ProjectionStatusSchema = z.object({
  cases: z.number(),
  openCases: z.number(),
  lagMs: z.object({ p50: z.number().nullable(), p99: z.number().nullable(), max: z.number().nullable() }),
  runs: z.array(z.object({ startedAt: z.string(), finishedAt: z.string().nullable(), checked: z.number(), fixed: z.number(), report: z.record(z.string(), z.unknown()) })),
});
export const ReconcileBody = z.object({ caseIds: z.array(z.string().min(1).max(200)).max(1000).optional() }).default({});
export const ReconcileResponse = z.object({ checked: z.number(), fixed: z.array(z.object({ caseId: z.string(), what: z.string() })), failed: z.array(z.object({ caseId: z.string(), why: z.string() })), seconds: z.number() });
