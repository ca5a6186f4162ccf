/**
 * 试运行 (issue 19): a draft run as a sandbox case. Each play has its own time-skipping Temporal
 * test server (time skipping is global to a server, so two designers never move each other's
 * clock), its own worker — workflow tasks in a supervised child process like the real worker's,
 * activities here with a stand-in directory (play-directory.ts), a notifier that only records,
 * no read model, no ballot box, no stored documents — and a fresh payload key. Nothing of a play
 * reaches the real Temporal server, the database or anyone's inbox; it is dropped when the
 * designer ends it, starts another, or leaves it idle.
 */
import { randomBytes } from 'node:crypto';
import { nanoid } from 'nanoid';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { AppContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import { actorOf } from '../auth/principal.js';
import { ApiError, forbidden, fromTemporalError, notFound, validation } from '../errors.js';
import { validateDefinition } from '../../dsl/validate.js';
import type { Definition } from '../../dsl/schema.js';
import { createDbDirectory } from '../../db/notifier.js';
import { createMemoryNotifier, type MemoryNotifier } from '../../activities/notifier.js';
import { findTestServer } from '../../temporal/temporal-binary.js';
import { createPayloadCodec } from '../../temporal/codec.js';
import { startWorker, type RunningWorker } from '../../temporal/worker-runner.js';
import { bundleInterpreter } from '../../temporal/worker-options.js';
import { CASE_WORKFLOW } from '../../temporal/case-start.js';
import * as m from '../../workflows/messages.js';
import type { CaseInput, CaseState, TaskRecord } from '../../workflows/types.js';
import type { PlayAct, PlayView } from '../../api/play.js';
import { subdefinitions } from '../cases/case-service.js';
import { PlayCast } from './play-directory.js';

const TASK_QUEUE = 'jiceng-play';
const IDLE_MS = Number(process.env.JICENG_PLAY_IDLE_MS) || 30 * 60_000;
const MAX_PLAYS = Number(process.env.JICENG_PLAY_MAX) || 3;
const STEP_MS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;

interface Play {
  id: string;
  owner: string;
  env: TestWorkflowEnvironment;
  worker: RunningWorker;
  handle: WorkflowHandle;
  cast: PlayCast;
  definition: Definition;
  notifier: MemoryNotifier;
  /** Sandbox clock minus wall clock, refreshed after every move of the clock (the activities' `now`). */
  clock: { offsetMs: number };
  lastUsed: number;
  /** One action at a time: a play is one person's sandbox. */
  busy: Promise<unknown>;
}

const unavailable = (why: string) => new ApiError(503, 'PLAY_UNAVAILABLE', `试运行环境无法启动：${why}`);

export class PlayService {
  private readonly plays = new Map<string, Play>();
  private bundle?: Promise<WorkflowBundleWithSourceMap>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly ctx: AppContext,
    opts: { workflowBundle?: WorkflowBundleWithSourceMap } = {},
  ) {
    if (opts.workflowBundle) this.bundle = Promise.resolve(opts.workflowBundle);
    this.sweeper = setInterval(() => void this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async start(p: Principal, body: { definition: unknown; orgUnit: string; data?: Record<string, unknown>; startAt?: string }): Promise<PlayView> {
    const checked = validateDefinition(body.definition);
    const errors = checked.issues.filter((i) => i.severity !== 'warning');
    if (!checked.definition || errors.length > 0) {
      throw validation(
        errors.map((i) => ({ path: ['definition', ...i.path], message: i.message })),
        `草稿有 ${errors.length} 处错误，改正后才能试运行：${errors[0]?.message ?? ''}`,
      );
    }
    const definition: Definition = checked.definition;
    if (!this.ctx.org.tree.get(body.orgUnit)) throw validation([{ path: ['orgUnit'], message: '请选择试运行所在单位' }], '请选择试运行所在单位');
    // One play per designer: a new one replaces the last; and only a few at once on this machine.
    for (const old of [...this.plays.values()].filter((x) => x.owner === p.id)) await this.drop(old);
    if (this.plays.size >= MAX_PLAYS) throw new ApiError(429, 'PLAY_BUSY', `同时进行的试运行已达 ${MAX_PLAYS} 个，请稍后再试`);

    const org = this.ctx.org.tree.context(body.orgUnit);
    const initiator = actorOf(p);
    const cast = new PlayCast(definition, (u) => this.ctx.org.tree.get(u)?.name, initiator);
    const notifier = createMemoryNotifier();
    const codecKey = randomBytes(32).toString('base64');
    let env: TestWorkflowEnvironment;
    try {
      env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: findTestServer().executable },
        client: { dataConverter: { payloadCodecs: [await createPayloadCodec(codecKey)] } },
      });
    } catch (err) {
      this.ctx.log.warn({ err }, 'play: the time-skipping test server did not start');
      throw unavailable('测试服务器未能启动（请运行 npm run setup 安装 temporal-test-server）');
    }
    const id = `play-${nanoid(12)}`;
    let worker: RunningWorker | undefined;
    try {
      const clock = { offsetMs: 0 };
      worker = await startWorker({
        address: env.address,
        namespace: env.namespace ?? 'default',
        codecKey,
        directory: cast.directory(createDbDirectory(this.ctx.db)),
        notifier,
        taskQueue: TASK_QUEUE,
        workflowBundle: await this.workflowBundle(),
        isolateWorkflows: true,
        now: () => new Date(Date.now() + clock.offsetMs),
        log: this.ctx.log,
      });
      // The sandbox clock starts at the chosen instant (a test server only moves forward).
      const ahead = body.startAt ? Date.parse(body.startAt) - (await env.currentTimeMs()) : 0;
      if (ahead > 0) await env.sleep(ahead);
      await syncClock(env, clock);
      const input: CaseInput = {
        definition,
        title: `${definition.title}（试运行）`,
        org,
        initiator,
        data: body.data ?? {},
        subdefinitions: await subdefinitions(this.ctx, definition),
        // The test server has no custom search attributes; a play is in no list anyway.
        searchAttributes: false,
      };
      const handle = await env.client.workflow.start(CASE_WORKFLOW, { taskQueue: TASK_QUEUE, workflowId: id, args: [input] });
      const play: Play = { id, owner: p.id, env, worker, handle, cast, definition, notifier, clock, lastUsed: Date.now(), busy: Promise.resolve() };
      this.plays.set(id, play);
      await settle(play.handle, play.definition);
      this.ctx.log.info({ play: id, procedure: definition.key, by: p.id }, 'play started');
      return await this.view(play);
    } catch (err) {
      this.plays.delete(id);
      await worker?.stop().catch(() => undefined);
      await env.teardown().catch(() => undefined);
      throw err;
    }
  }

  async get(p: Principal, id: string): Promise<PlayView> {
    const play = this.mine(p, id);
    return this.serial(play, () => this.view(play));
  }

  async act(p: Principal, id: string, act: PlayAct): Promise<PlayView> {
    const play = this.mine(p, id);
    return this.serial(play, async () => {
      const state: CaseState = await play.handle.query(m.stateQuery);
      try {
        await this.run(play, state, act);
      } catch (err) {
        throw fromTemporalError(err) ?? err;
      }
      await settle(play.handle, play.definition);
      return this.view(play);
    });
  }

  async advance(p: Principal, id: string, by: 'hour' | 'day' | 'week' | 'next'): Promise<PlayView> {
    const play = this.mine(p, id);
    return this.serial(play, async () => {
      const now = await play.env.currentTimeMs();
      let ms: number;
      if (by === 'next') {
        const next = nextMoment(await play.handle.query(m.stateQuery), now);
        // Just past it: the timer has fired and the case has moved when the view is read.
        ms = next ? next - now + 1_000 : STEP_MS.day;
      } else ms = STEP_MS[by];
      await play.env.sleep(ms);
      await syncClock(play.env, play.clock);
      await settle(play.handle, play.definition);
      return this.view(play);
    });
  }

  async end(p: Principal, id: string): Promise<void> {
    await this.drop(this.mine(p, id));
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.plays.values()].map((x) => this.drop(x)));
  }

  private async run(play: Play, state: CaseState, act: PlayAct): Promise<void> {
    const { handle, cast } = play;
    if (act.kind === 'objection') {
      const node = play.definition.nodes.find((n) => n.id === act.nodeId);
      const role = node?.kind === 'publicity' ? node.objectorRole : undefined;
      const actor = role ? cast.actorWithRole(role, state.org) : cast.publicPerson();
      await handle.executeUpdate(m.objectionUpdate, { args: [{ actor, nodeId: act.nodeId, content: act.content }] });
      return;
    }
    const task = state.tasks.find((t) => t.id === act.taskId);
    if (!task) throw notFound('该环节');
    const actor = cast.actor(holderOf(task, cast));
    if (act.kind === 'confirmTally') {
      const vote = state.votes.findLast((v) => v.taskId === task.id);
      const spec = vote?.spec;
      const confirmer = spec?.scrutineerRole ? cast.actorWithRole(spec.scrutineerRole, state.org) : cast.supervisor(state.org);
      await handle.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: confirmer, taskId: task.id, confirm: act.confirm, comment: act.comment }] });
      return;
    }
    // A step offered to a role is claimed first, as a clerk would.
    if (!task.claimedBy && task.assignees.length === 0 && !task.signers) {
      await handle.executeUpdate(m.claimUpdate, { args: [{ actor, taskId: task.id }] });
    }
    if (act.kind === 'complete') {
      await handle.executeUpdate(m.completeUpdate, { args: [{ actor, taskId: task.id, action: act.action, data: act.data ?? {}, comment: act.comment }] });
    } else if (act.kind === 'return') {
      await handle.executeUpdate(m.returnUpdate, { args: [{ actor, taskId: task.id, toNodeId: act.toNodeId, reason: act.reason }] });
    } else {
      await handle.executeUpdate(m.submitTallyUpdate, { args: [{ actor, taskId: task.id, groups: act.groups, data: act.data, comment: act.comment }] });
    }
  }

  private async view(play: Play): Promise<PlayView> {
    play.lastUsed = Date.now();
    const state: CaseState = await play.handle.query(m.stateQuery);
    const now = await play.env.currentTimeMs();
    const actingAs: Record<string, string> = {};
    for (const t of state.tasks) if (t.status === 'open' || t.status === 'claimed') actingAs[t.id] = play.cast.actor(holderOf(t, play.cast)).name ?? '经办人';
    const names = play.cast.names();
    const next = state.status === 'running' ? nextMoment(state, now) : undefined;
    return {
      playId: play.id,
      now: new Date(now).toISOString(),
      expiresAt: new Date(play.lastUsed + IDLE_MS).toISOString(),
      state,
      actingAs,
      names,
      notifications: play.notifier.sent.map((n) => ({
        title: n.title,
        ...(n.message ? { message: n.message } : {}),
        // The people when it names them, else the roles it goes to.
        to: n.userIds.length ? n.userIds.map((u) => names[u] ?? '经办人') : [...new Set(n.grants.map((g) => play.cast.roleName(g.role)))],
      })),
      ...(next ? { nextAt: new Date(next).toISOString() } : {}),
    };
  }

  private mine(p: Principal, id: string): Play {
    const play = this.plays.get(id);
    if (!play) throw notFound('该试运行（可能已结束或超时）');
    if (play.owner !== p.id) throw forbidden('这是其他人的试运行');
    play.lastUsed = Date.now();
    return play;
  }

  private serial<T>(play: Play, fn: () => Promise<T>): Promise<T> {
    const next = play.busy.then(fn, fn);
    play.busy = next.catch(() => undefined);
    return next;
  }

  private workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
    this.bundle ??= bundleInterpreter();
    this.bundle.catch(() => (this.bundle = undefined));
    return this.bundle;
  }

  private async drop(play: Play): Promise<void> {
    this.plays.delete(play.id);
    await play.worker.stop().catch((err: unknown) => this.ctx.log.warn({ err }, 'play: worker did not stop cleanly'));
    await play.env.teardown().catch(() => undefined);
  }

  private async sweep(): Promise<void> {
    const idle = [...this.plays.values()].filter((x) => Date.now() - x.lastUsed > IDLE_MS);
    for (const play of idle) await this.drop(play);
  }
}

async function syncClock(env: TestWorkflowEnvironment, clock: { offsetMs: number }): Promise<void> {
  clock.offsetMs = (await env.currentTimeMs()) - Date.now();
}

/** Who does a task in the sandbox: its claimant, its first assignee, or the stand-in of its role. */
function holderOf(task: TaskRecord, cast: PlayCast): string {
  if (task.claimedBy) return task.claimedBy;
  const signer = task.signers?.find((s) => !s.action);
  if (signer) return signer.userId;
  if (task.assignees[0]) return task.assignees[0];
  const grant = task.candidateGrants[0];
  return grant ? cast.holder(grant.role, grant.orgUnit) : 'play-public';
}

/**
 * The next moment something happens by itself: a task turns yellow, a reminder goes, a deadline
 * passes, a 公示 ends, or the case's next due time.
 */
export function nextMoment(state: CaseState, now: number): number | undefined {
  const at: string[] = [];
  for (const t of state.tasks) {
    if (t.status !== 'open' && t.status !== 'claimed') continue;
    if (t.warnAt) at.push(t.warnAt);
    if (t.dueAt) at.push(t.dueAt);
    at.push(...(t.remindAt ?? []).slice(t.remindersSent ?? 0));
  }
  for (const p of state.publicity) if (!p.outcome) at.push(p.endsAt);
  if (state.nextDueAt) at.push(state.nextDueAt);
  const future = at.map((x) => Date.parse(x)).filter((x) => Number.isFinite(x) && x > now);
  return future.length ? Math.min(...future) : undefined;
}

/**
 * Wait until the case is at rest: no workflow task or activity pending, the history no longer
 * growing (an update returns before the steps after it have run), and every step the case waits
 * at is open — a task or vote has its task, a 公示 its period (their due dates come from
 * activities, after the step is entered).
 */
async function settle(handle: WorkflowHandle, definition: Definition, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < until) {
    const d = await handle.describe();
    const busy = !!d.raw.pendingWorkflowTask || (d.raw.pendingActivities?.length ?? 0) > 0;
    const length = Number(d.raw.workflowExecutionInfo?.historyLength ?? 0);
    if (!busy && length === last) {
      if (d.status.name !== 'RUNNING') return;
      const state: CaseState = await handle.query(m.stateQuery);
      if (state.status !== 'running' || state.currentNodes.every((c) => isOpenAt(state, definition, c.nodeId))) return;
    }
    last = busy ? -1 : length;
    await new Promise((r) => setTimeout(r, 120));
  }
}

function isOpenAt(state: CaseState, definition: Definition, nodeId: string): boolean {
  const kind = definition.nodes.find((n) => n.id === nodeId)?.kind;
  if (kind === 'task' || kind === 'vote') return state.tasks.some((t) => t.nodeId === nodeId && (t.status === 'open' || t.status === 'claimed'));
  if (kind === 'publicity') return state.publicity.some((p) => p.nodeId === nodeId && !p.outcome);
  return true;
}
