/**
 * The state a case carries across continue-as-new, as a versioned schema with up-migrations (the
 * tldraw record-migration pattern): what a run writes (`carry`) is the current version; what a run
 * reads may have been written by any earlier version of the engine, so it is migrated up one
 * version at a time and then checked against the current schema before the runtime takes it.
 * A carried state newer than this engine fails the workflow task (retried until a newer worker
 * takes it) instead of being half-read.
 *
 * Pure: zod and types only, so it runs in the workflow sandbox and in unit tests.
 */
import { z } from 'zod';
import type { CaseIncident, DeadlineLedgerEntry, PublicityView, TaskRecord, TimelineEntry } from '../types.js';
import type { CaseRuntime, VoteState } from './runtime.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Records whose shape the engine itself produced (task, timeline, vote …): checked to be objects, typed from the engine. */
const record = <T>() => z.custom<T>(isRecord, { message: '应为对象' });

/**
 * Version 1 (issue 12 on). Fields added since are optional, so older states still read:
 * `incidents` (issue 14), `clockEvents` and `warning` (issue 17), `projectionSeq` (issue 15).
 */
export const CarriedCaseV1Schema = z.object({
  version: z.literal(1),
  runs: z.number().int().min(1),
  startedAt: z.string(),
  lastProgress: z.string(),
  status: z.enum(['running', 'suspended', 'completed', 'withdrawn', 'terminated', 'failed']),
  suspendedAt: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
  nodeOutputs: z.record(z.string(), z.unknown()),
  timeline: z.array(record<TimelineEntry>()),
  ledger: z.array(record<DeadlineLedgerEntry>()),
  /** Added with clock anchors (issue 17); absent in states carried before them. */
  clockEvents: z.record(z.string(), z.unknown()).optional(),
  path: z.array(z.string()),
  tasks: z.array(record<TaskRecord>()),
  publicity: z.array(record<PublicityView>()),
  warnings: z.array(z.string()),
  votes: z.array(record<VoteState>()),
  light: z.object({ level: z.enum(['green', 'yellow', 'red']), reason: z.string() }).optional(),
  /** Resolved safety stops (a case continues as new only with none open); absent before issue 14. */
  incidents: z.array(record<CaseIncident>()).optional(),
  /** The case's own warning (issue 17); absent before. */
  warning: z.custom<CaseRuntime['warning']>((v) => v === undefined || isRecord(v)).optional(),
  seq: z.number().int().min(0),
  /** The read model's sequence number (engine/projection.ts): writes of the next run follow it; absent before issue 15. */
  projectionSeq: z.number().int().min(0).optional(),
  /** Where the root token waits: the new run resumes here. */
  resume: z.object({ nodeId: z.string(), taskId: z.string(), since: z.string() }),
});

/** The current version: what `carry` writes and what the runtime restores. */
export const CARRIED_VERSION = 1;
export const CarriedCaseSchema = CarriedCaseV1Schema;
export type CarriedCase = z.infer<typeof CarriedCaseSchema>;

/**
 * Up-migrations: `UP[n]` turns a version-n state into version n+1. Append one (with its test in
 * tests/unit/carried-state.test.ts) whenever the carried shape changes, and bump CARRIED_VERSION:
 * a case that continued as new on the old engine must restore on the new one.
 */
export const CARRIED_MIGRATIONS: Readonly<Record<number, (state: Record<string, unknown>) => Record<string, unknown>>> = {};

export class CarriedStateError extends Error {
  override readonly name = 'CarriedStateError';
}

/** The carried state of an input, migrated to the current version and checked; undefined for a first run. */
export function readCarried(raw: unknown, migrations = CARRIED_MIGRATIONS, current = CARRIED_VERSION): CarriedCase | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) throw new CarriedStateError('carried state is not an object');
  let state = raw;
  let version = typeof state.version === 'number' ? state.version : NaN;
  if (!Number.isInteger(version) || version < 1) throw new CarriedStateError(`carried state has no valid version: ${String(state.version)}`);
  if (version > current) throw new CarriedStateError(`carried state version ${version} is newer than this engine (${current})`);
  while (version < current) {
    const up = migrations[version];
    if (!up) throw new CarriedStateError(`no migration from carried state version ${version}`);
    state = { ...up(state), version: version + 1 };
    version += 1;
  }
  const parsed = CarriedCaseSchema.safeParse(state);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CarriedStateError(`carried state invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Puts a carried state into a fresh runtime (before the first token moves). */
export function restoreCarried(rt: CaseRuntime, c: CarriedCase): void {
  rt.startedAt = c.startedAt;
  rt.lastProgress = c.lastProgress;
  rt.status = c.status;
  rt.suspendedAt = c.suspendedAt;
  rt.data = c.data;
  rt.nodeOutputs = c.nodeOutputs;
  rt.timeline = c.timeline;
  rt.ledger = c.ledger;
  rt.clockEvents = { ...((c.clockEvents ?? {}) as CaseRuntime['clockEvents']) };
  rt.path = c.path;
  rt.tasks = c.tasks;
  rt.publicity = c.publicity;
  rt.warnings = c.warnings;
  rt.votes = new Map(c.votes.map((v) => [v.taskId, v]));
  rt.light = c.light;
  rt.incidents = c.incidents ?? [];
  rt.warning = c.warning;
  rt.restoreSeq(c.seq);
}
